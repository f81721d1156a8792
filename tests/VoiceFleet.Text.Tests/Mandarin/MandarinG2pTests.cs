using VoiceFleet.Text.Mandarin;
using VoiceFleet.Text.Sentences;
using Xunit;

namespace VoiceFleet.Text.Tests.Mandarin;

public sealed class MandarinG2pTests
{
    private static List<MandarinSyllable> Syllables(string text, IReadOnlyList<MandarinOverride>? overrides = null) =>
        TestData.G2p.Convert(text, overrides).SelectMany(w => w.Syllables).ToList();

    private static string Dictionary(string text) => string.Join(' ', Syllables(text).Select(s => s.Pinyin));

    private static string Spoken(string text) => string.Join(' ', Syllables(text).Select(s => s.Spoken));

    [Theory]
    [InlineData("银行", "yin2 hang2")]
    [InlineData("行长", "hang2 zhang3")]
    [InlineData("重要", "zhong4 yao4")]
    [InlineData("重新", "chong2 xin1")]
    [InlineData("音乐", "yin1 yue4")]
    [InlineData("快乐", "kuai4 le4")]
    public void Convert_DesignNotePolyphones_PhraseReadings(string text, string expected) =>
        Assert.Equal(expected, Dictionary(text));

    [Fact]
    public void Convert_OneEntryPerHanCharacterInOrder_SkipsOtherCharacters()
    {
        var syllables = Syllables("银行A型，OK了。");

        Assert.Equal(["银", "行", "型", "了"], syllables.Select(s => s.Character));
    }

    [Theory]
    [InlineData("你好", "ni3 hao3", "ni2 hao3")]
    [InlineData("我很好", "wo3 hen3 hao3", "wo3 hen2 hao3")]
    [InlineData("展览馆", "zhan3 lan3 guan3", "zhan2 lan2 guan3")]
    public void Convert_ThirdTones_SecondBeforeThird(string text, string dictionary, string spoken)
    {
        Assert.Equal(dictionary, Dictionary(text));
        Assert.Equal(spoken, Spoken(text));
    }

    [Theory]
    [InlineData("一个", "yi2 ge4")]
    [InlineData("一天", "yi4 tian1")]
    [InlineData("第一", "di4 yi1")]
    [InlineData("一年", "yi4 nian2")]
    public void Convert_Yi_SpokenToneFollowsNextSyllable(string text, string spoken)
    {
        Assert.Equal(spoken, Spoken(text));
        Assert.Equal("yi1", Syllables(text).Single(s => s.Character == "一").Pinyin);
    }

    [Theory]
    [InlineData("不是", "bu2 shi4")]
    [InlineData("不好", "bu4 hao3")]
    [InlineData("好不好", "hao3 bu5 hao3")]
    public void Convert_Bu_SpokenSandhi_DictionaryBu4(string text, string spoken)
    {
        Assert.Equal(spoken, Spoken(text));
        Assert.Equal("bu4", Syllables(text).Single(s => s.Character == "不").Pinyin);
    }

    [Fact]
    public void Convert_Erhua_MergesIntoSyllableBefore()
    {
        var syllables = Syllables("一点儿");

        Assert.Equal("yi4 dianr3 ", Spoken("一点儿"));
        Assert.Equal("er5", syllables[2].Pinyin);
        Assert.Equal(string.Empty, syllables[2].Spoken);
    }

    [Fact]
    public void Convert_NeutralTones_KeptFromLexicon()
    {
        Assert.Equal("ma1 ma5", Dictionary("妈妈"));
        Assert.Equal("wo3 men5", Dictionary("我们"));
    }

    [Fact]
    public void Convert_TraditionalCharacters_ReadAsSimplified()
    {
        var syllables = Syllables("銀行");

        Assert.Equal("銀", syllables[0].Character);
        Assert.Equal("yin2 hang2", string.Join(' ', syllables.Select(s => s.Pinyin)));
    }

    [Fact]
    public void Convert_OverrideWithContext_AppliesOnlyInsideContext()
    {
        MandarinOverride[] overrides = [new("行", "银行", ["xing2"], PronunciationSource.Override)];

        var inContext = Syllables("银行", overrides);
        var elsewhere = Syllables("行长", overrides);

        Assert.Equal("xing2", inContext[1].Pinyin);
        Assert.Equal("hang2", elsewhere[0].Pinyin);
    }

    [Fact]
    public void Convert_OverrideWithoutContext_WinsAndKeepsWordWhole()
    {
        MandarinOverride[] overrides = [new("长安", string.Empty, ["chang2", "an1"], PronunciationSource.Request)];

        var words = TestData.G2p.Convert("我爱长安街", overrides);

        var word = Assert.Single(words, w => w.Text == "长安");
        Assert.Equal(PronunciationSource.Request, word.Source);
        Assert.Equal("chang2 an1", string.Join(' ', word.Syllables.Select(s => s.Pinyin)));
    }

    [Fact]
    public void Convert_FirstOverrideWins_LaterIgnoredForSameCharacters()
    {
        MandarinOverride[] overrides =
        [
            new("重", string.Empty, ["chong2"], PronunciationSource.Request),
            new("重", string.Empty, ["zhong4"], PronunciationSource.Override),
        ];

        var syllable = Syllables("重", overrides).Single();

        Assert.Equal("chong2", syllable.Pinyin);
    }

    [Fact]
    public void Convert_UnknownCharacter_EmptyReading()
    {
        // U+9FEF is a recent ideograph the lexicon does not list.
        var syllables = Syllables("\u9FEF");

        Assert.Equal(string.Empty, Assert.Single(syllables).Pinyin);
    }

    [Fact]
    public void ConvertRun_ForcedReading_NotChangedBySandhi()
    {
        var words = TestData.G2p.ConvertRun("你好", [new ForcedReading("ni3", PronunciationSource.Inline), null], null, null);

        var first = words.SelectMany(w => w.Syllables).First();
        Assert.Equal("ni3", first.Pinyin);
        Assert.Equal("ni3", first.Spoken);
        Assert.Equal(PronunciationSource.Inline, words[0].Source);
    }

    [Theory]
    [InlineData("zhòng", "zhong4")]
    [InlineData("hang2", "hang2")]
    [InlineData("lǜ", "lv4")]
    [InlineData("lu:4", "lv4")]
    [InlineData("ma", "ma5")]
    [InlineData("LE0", "le5")]
    public void Pinyin_TryParse_AcceptsMarksAndNumbers(string text, string expected)
    {
        Assert.True(Pinyin.TryParse(text, out var syllable));
        Assert.Equal(expected, syllable);
    }

    [Theory]
    [InlineData("zhongg4")]
    [InlineData("hang6")]
    [InlineData("4hang")]
    [InlineData("hàng2")]
    [InlineData("")]
    public void Pinyin_TryParse_RejectsNonSyllables(string text) =>
        Assert.False(Pinyin.TryParse(text, out _));
}

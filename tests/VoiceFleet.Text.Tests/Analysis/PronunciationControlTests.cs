using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Lexicons;
using Xunit;

namespace VoiceFleet.Text.Tests.Analysis;

public sealed class PronunciationControlTests
{
    private static PronunciationEntry Entry(string word, string phoneme, string context = "") =>
        EntryValidator.Validate(word, context, phoneme, null, "entry");

    [Fact]
    public async Task Analyze_InlineAnnotations_WinAndKeepOriginal()
    {
        var sentence = (await TestData.Analyzer.TextAsync("重[chóng]要的行[xing2]长")).Sentences.Single();

        var syllables = sentence.Words.SelectMany(w => w.Syllables).ToList();
        Assert.Equal("chong2", syllables[0].Pinyin);
        Assert.Equal("xing2", syllables[3].Pinyin);
        Assert.Equal("重要的行长", sentence.Text);
        Assert.Equal(PronunciationSource.Inline, sentence.Words[0].Source);
    }

    [Fact]
    public async Task Analyze_RequestEntryBeatsLexicon_LexiconBeatsG2p()
    {
        var lexicon = new PronunciationLexicon("team", [Entry("行长", "xing2 chang2"), Entry("银行", "yin2 xing2")], 1);

        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest
        {
            Text = "银行的行长",
            RequestEntries = [Entry("行长", "hang2 zhang3")],
            Lexicons = [lexicon],
        });

        var words = result.Sentences.Single().Words;
        var bank = words.Single(w => w.Text == "银行");
        var president = words.Single(w => w.Text == "行长");
        Assert.Equal(PronunciationSource.Override, bank.Source);
        Assert.Equal("yin2 xing2", string.Join(' ', bank.Syllables.Select(s => s.Pinyin)));
        Assert.Equal(PronunciationSource.Request, president.Source);
        Assert.Equal("hang2 zhang3", string.Join(' ', president.Syllables.Select(s => s.Pinyin)));
    }

    [Fact]
    public async Task Analyze_InlineBeatsRequestEntry()
    {
        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Text = "重[chong2]要", RequestEntries = [Entry("重要", "zhong4 yao4")] });

        Assert.Equal("chong2", result.Sentences.Single().Words.SelectMany(w => w.Syllables).First().Pinyin);
    }

    [Fact]
    public async Task Analyze_EnglishOverride_ReplacesEspeak()
    {
        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Text = "I like tomato soup.", RequestEntries = [Entry("tomato", "təmˈɑːtoʊ")] });

        var sentence = result.Sentences.Single();
        var tomato = sentence.Words.Single(w => w.Text == "tomato");
        Assert.Equal(PronunciationSource.Request, tomato.Source);
        Assert.Contains("təmˈɑːtoʊ", sentence.Phonemes, StringComparison.Ordinal);
        Assert.Equal("soup", sentence.Words.Single(w => w.Source == PronunciationSource.G2p && w.Text == "soup").Text);
    }

    [Fact]
    public async Task Analyze_EnglishOverrideWithContext_OnlyThere()
    {
        var entry = Entry("read", "ɹˈɛd", "have read");

        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Text = "I have read it. I read it daily.", RequestEntries = [entry] });

        Assert.Equal(PronunciationSource.Request, result.Sentences[0].Words.Single(w => w.Text == "read").Source);
        Assert.Equal(PronunciationSource.G2p, result.Sentences[1].Words.Single(w => w.Text == "read").Source);
    }

    [Fact]
    public async Task Analyze_PhonemeInputPinyin_ReadAsWritten()
    {
        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Phonemes = new(PhonemeAlphabet.Pinyin, "ni3 hao3 。 zai4 jian4") });

        Assert.Equal(2, result.Sentences.Count);
        Assert.Equal("ni3 hao3。", result.Sentences[0].Phonemes);
        Assert.All(result.Sentences.SelectMany(s => s.Words).Where(w => !w.Punctuation), w => Assert.Equal(PronunciationSource.Phoneme, w.Source));
    }

    [Fact]
    public async Task Analyze_PhonemeInputIpa_SymbolsPerCodePoint()
    {
        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Phonemes = new(PhonemeAlphabet.Ipa, "həlˈoʊ wˈɜːld.") });

        var sentence = result.Sentences.Single();
        Assert.Equal(["h", "ə", "l", "ˈ", "o", "ʊ"], sentence.Words[0].Phonemes);
        Assert.True(sentence.Words[^1].Punctuation);
    }

    [Theory]
    [InlineData(PhonemeAlphabet.Pinyin, "ni3 hoa3", "hoa3")]
    [InlineData(PhonemeAlphabet.Ipa, "həlˈoʊ w3rld", "'3'")]
    [InlineData(PhonemeAlphabet.Ipa, "həlˈoʊ 你", "'你'")]
    public async Task Analyze_UnknownPhonemes_InvalidNamingSymbol(PhonemeAlphabet alphabet, string phonemes, string named)
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Phonemes = new(alphabet, phonemes) }));

        Assert.Equal("phonemes.phonemes", ex.Field);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_PhonemeInputWithoutAlphabet_Invalid()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Phonemes = new(PhonemeAlphabet.Unspecified, "a") }));

        Assert.Equal("phonemes.alphabet", ex.Field);
    }

    [Fact]
    public async Task Analyze_WordOffsets_InCodePoints()
    {
        // 𠀀 (U+20000) takes two UTF-16 units; offsets count it once.
        var result = await TestData.Analyzer.TextAsync("𠀀 hello");

        var hello = result.Sentences.Single().Words.Single(w => w.Text == "hello");
        Assert.Equal(2, hello.SourceOffset);
        Assert.Equal(5, hello.SourceLength);
    }
}

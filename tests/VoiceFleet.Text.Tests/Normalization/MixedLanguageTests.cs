using VoiceFleet.Text.Tests.Analysis;
using Xunit;

namespace VoiceFleet.Text.Tests.Normalization;

public sealed class MixedLanguageTests
{
    [Fact]
    public async Task Analyze_MandarinWithEnglishWord_EachSpanInItsLanguage()
    {
        var sentence = (await TestData.Analyzer.TextAsync("我喜欢 apple 和香蕉。")).Sentences.Single();

        var apple = Assert.Single(sentence.Words, w => w.Text == "apple");
        Assert.Equal("en-us", apple.Language);
        Assert.Equal(PronunciationSource.G2p, apple.Source);
        Assert.Contains("ˈæpəl", string.Concat(apple.Phonemes), StringComparison.Ordinal);
        Assert.All(sentence.Words.Where(w => !w.Punctuation && w.Text != "apple"), w => Assert.Equal("zh", w.Language));
        Assert.Equal("zh", sentence.Language);
        Assert.Equal(PhonemeAlphabet.Pinyin, sentence.Alphabet);
    }

    [Theory]
    [InlineData("今天是2023年", "今天是二零二三年")]
    [InlineData("room 204，在三楼", "room two hundred four，在三楼")]
    [InlineData("iPhone15很好", "iPhone fifteen 很好")]
    public async Task Analyze_NumbersTakeTheLanguageTheyTouch(string input, string expected) =>
        Assert.Equal(expected, (await TestData.Analyzer.NormalizedAsync(input)).Replace(" ，", "，", StringComparison.Ordinal));

    [Fact]
    public async Task Analyze_FullWidthLettersAndDigits_FoldedToAscii()
    {
        Assert.Equal("A B C", await TestData.Analyzer.NormalizedAsync("Ａ Ｂ Ｃ"));
        Assert.Equal("三个", await TestData.Analyzer.NormalizedAsync("３个"));
    }

    [Fact]
    public async Task Analyze_GermanHint_LettersReadByGermanVoice()
    {
        var sentence = (await TestData.Analyzer.TextAsync("Guten Morgen", "de")).Sentences.Single();

        Assert.All(sentence.Words, w => Assert.Equal("de", w.Language));
        Assert.Equal("de", sentence.Language);
    }
}

using VoiceFleet.Text.Analysis;
using Xunit;

namespace VoiceFleet.Text.Tests.Analysis;

/// <summary>Every kind of bad input gets a clear <see cref="TextInputException"/> (INVALID_ARGUMENT), or a reported fallback.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task Analyze_EmptyOrWhitespace_Invalid(string text)
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync(text));

        Assert.Equal("text", ex.Field);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_OverDefaultLimit_InvalidNamingLimit()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync(new string('好', 5001)));

        Assert.Equal("text: is 5001 characters long; the limit is 5000", ex.Message);
    }

    [Fact]
    public async Task Analyze_AtDefaultLimit_Accepted()
    {
        var result = await TestData.Analyzer.TextAsync(new string('好', 5000));

        Assert.NotEmpty(result.Sentences);
    }

    [Fact]
    public async Task Analyze_ConfiguredLimit_Applies()
    {
        var analyzer = new TextAnalyzer(TestData.G2p, null, new TextAnalyzerOptions { Limits = new() { MaxInputChars = 5 } });

        await Assert.ThrowsAsync<TextInputException>(() => analyzer.TextAsync("一二三四五六"));
    }

    [Fact]
    public async Task Analyze_ControlCharacter_InvalidWithPosition()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync("hello\nwor\u0007ld"));

        Assert.Equal(2, ex.Line);
        Assert.Equal(4, ex.Column);
        Assert.Contains("U+0007", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_UnpairedSurrogate_Invalid()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync("abc\uD83Ddef"));

        Assert.Contains("unpaired surrogate U+D83D", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ReplacementCharacter_InvalidAsUndecodable()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync("abc\uFFFDdef"));

        Assert.Contains("U+FFFD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Emoji_SkippedWithWarning()
    {
        var result = await TestData.Analyzer.TextAsync("太好了😀！");

        Assert.Equal("太好了！", result.Sentences.Single().Text);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningCodes.TextNormalizationFallback, warning.Code);
        Assert.Contains("U+1F600", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_EmojiStrict_Invalid()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Text = "太好了👍🏽", Strict = true }));

        Assert.Contains("U+1F44D", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_OnlyEmoji_InvalidNothingToRead()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync("😀😀"));

        Assert.Contains("nothing to read", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("klingon")]
    [InlineData("en-")]
    public async Task Analyze_UnsupportedLanguage_InvalidNamingField(string language)
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync("hello", language));

        Assert.Equal("language", ex.Field);
        Assert.Contains(language, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_NoInput_Invalid()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.AnalyzeAsync(new AnalysisRequest()));

        Assert.Equal("input", ex.Field);
    }

    [Fact]
    public async Task Analyze_BadInlineAnnotation_InvalidWithColumn()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync("这很重[zhongg4]要"));

        Assert.Equal(1, ex.Line);
        Assert.Equal(4, ex.Column);
        Assert.Contains("zhongg4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_AnnotationWithTooManySyllables_Invalid()
    {
        await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.TextAsync("行[yin2 hang2]"));
    }

    [Fact]
    public async Task Analyze_BracketWithoutLetters_OrdinaryText()
    {
        var result = await TestData.Analyzer.TextAsync("见文献[1]");

        Assert.Contains("一", result.Sentences.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_UnknownHanCharacterStrict_Invalid()
    {
        await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Text = "好\u9FEF", Strict = true }));
    }

    [Fact]
    public async Task Analyze_UnknownHanCharacter_SkippedWithWarning()
    {
        var result = await TestData.Analyzer.TextAsync("好\u9FEF");

        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.G2pFallback);
    }
}

using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Tests.Analysis;
using Xunit;

namespace VoiceFleet.Text.Tests.Sentences;

public sealed class SentenceSplitTests
{
    [Fact]
    public async Task Analyze_SentenceMarks_OneSentenceEach()
    {
        var result = await TestData.Analyzer.TextAsync("今天天气很好。我们去公园吧！你去吗？");

        Assert.Equal(["今天天气很好。", "我们去公园吧！", "你去吗？"], result.Sentences.Select(s => s.Text));
        Assert.Equal([BreakKind.Sentence, BreakKind.Sentence, BreakKind.End], result.Sentences.Select(s => s.Break));
        Assert.Equal([0, 1, 2], result.Sentences.Select(s => s.Index));
    }

    [Fact]
    public async Task Analyze_BlankLine_ParagraphBreak()
    {
        var result = await TestData.Analyzer.TextAsync("First paragraph.\n\nSecond paragraph.");

        Assert.Equal(BreakKind.Paragraph, result.Sentences[0].Break);
        Assert.Equal(0.75, result.Sentences[0].PauseAfterSeconds);
    }

    [Fact]
    public async Task Analyze_LongSentence_SplitAtClausePunctuationUnderLimit()
    {
        var text = "这是一个很长的句子，里面有很多个分句，每一个分句都不算太长，但是合在一起就超过了限制。";

        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Text = text, MaxSentenceChars = 20 });

        Assert.True(result.Sentences.Count > 1);
        Assert.All(result.Sentences, s => Assert.True(s.Text.Length <= 20, $"'{s.Text}' is longer than 20"));
        Assert.All(result.Sentences.SkipLast(1), s => Assert.Equal(BreakKind.Clause, s.Break));
        Assert.All(result.Sentences.SkipLast(1), s => Assert.EndsWith("，", s.Text, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(result.Sentences.Select(s => s.Text)));
    }

    [Fact]
    public async Task Analyze_LongRunWithoutPunctuation_SplitUnderLimit()
    {
        var text = string.Concat(Enumerable.Repeat("我们今天去公园散步", 10));

        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Text = text, MaxSentenceChars = 25 });

        Assert.All(result.Sentences, s => Assert.True(s.Text.Length <= 25));
        Assert.Equal(text, string.Concat(result.Sentences.Select(s => s.Text)));
    }

    [Fact]
    public async Task Analyze_ClosingQuoteAfterFullStop_StaysWithSentence()
    {
        var result = await TestData.Analyzer.TextAsync("他说：“你好。”然后走了。");

        Assert.Equal(2, result.Sentences.Count);
        Assert.EndsWith("”", result.Sentences[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_EnglishSentences_PhonemesKeepPunctuation()
    {
        var sentence = (await TestData.Analyzer.TextAsync("Happy birthday, I hope this year is your best one yet.")).Sentences.Single();

        Assert.Equal("hˈæpi bˈɜːθdeɪ, aɪ hˈoʊp ðɪs jˈɪɹ ɪz jʊɹ bˈɛst wˈʌn jˈɛt.", sentence.Phonemes);
        Assert.Equal(PhonemeAlphabet.Ipa, sentence.Alphabet);
    }

    [Fact]
    public async Task Analyze_MandarinSentence_PhonemesAreSpokenPinyin()
    {
        var sentence = (await TestData.Analyzer.TextAsync("银行的行长来了。")).Sentences.Single();

        Assert.Equal("yin2 hang2 de5 hang2 zhang3 lai2 le5。", sentence.Phonemes);
    }
}

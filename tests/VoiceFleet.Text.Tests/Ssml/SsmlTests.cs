using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Tests.Analysis;
using Xunit;

namespace VoiceFleet.Text.Tests.Ssml;

public sealed class SsmlTests
{
    private const string Vf = "xmlns:vf=\"urn:voicefleet:ssml\"";

    [Fact]
    public async Task Analyze_ParagraphsAndSentences_BreakTypesKept()
    {
        var result = await TestData.Analyzer.SsmlAsync("<speak><p><s>First one</s><s>Second one</s></p><p>Third paragraph</p></speak>");

        Assert.Equal(["First one", "Second one", "Third paragraph"], result.Sentences.Select(s => s.Text));
        Assert.Equal([BreakKind.Sentence, BreakKind.Paragraph, BreakKind.End], result.Sentences.Select(s => s.Break));
    }

    [Fact]
    public async Task Analyze_StrongBreak_EndsSentenceWithItsTime()
    {
        var result = await TestData.Analyzer.SsmlAsync("<speak>Hello there <break time=\"1.5s\"/> general Kenobi</speak>");

        Assert.Equal(2, result.Sentences.Count);
        Assert.Equal(BreakKind.Explicit, result.Sentences[0].Break);
        Assert.Equal(1.5, result.Sentences[0].PauseAfterSeconds);
    }

    [Fact]
    public async Task Analyze_WeakBreak_PauseAfterWord()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak>Hello <break strength=\"weak\"/> world</speak>")).Sentences.Single();

        Assert.Equal(0.1, sentence.Words.Single(w => w.Text == "Hello").PauseAfterSeconds);
    }

    [Fact]
    public async Task Analyze_Prosody_SentenceLevelWhenShared()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak><prosody rate=\"80%\" pitch=\"+2st\" volume=\"-6dB\">慢一点说</prosody></speak>")).Sentences.Single();

        Assert.Equal(0.8f, sentence.Prosody.Rate, 3);
        Assert.Equal(2f, sentence.Prosody.PitchSemitones, 3);
        Assert.Equal(-6f, sentence.Prosody.VolumeDb, 3);
    }

    [Fact]
    public async Task Analyze_NestedProsody_Composes()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak><prosody rate=\"slow\">one <prosody rate=\"2\" pitch=\"high\">two</prosody></prosody></speak>")).Sentences.Single();

        var two = sentence.Words.Single(w => w.Text == "two");
        Assert.Equal(1.5f, two.Prosody.Rate, 3);
        Assert.Equal(3f, two.Prosody.PitchSemitones, 3);
        Assert.True(sentence.Prosody.IsNone, "words differ, so the sentence has no prosody of its own");
    }

    [Fact]
    public async Task Analyze_Emphasis_MarksWords()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak>This is <emphasis level=\"strong\">really</emphasis> good</speak>")).Sentences.Single();

        Assert.True(sentence.Words.Single(w => w.Text == "really").Emphasis);
        Assert.False(sentence.Words.Single(w => w.Text == "good").Emphasis);
    }

    [Theory]
    [InlineData("<say-as interpret-as=\"cardinal\">123</say-as>", "一百二十三")]
    [InlineData("<say-as interpret-as=\"ordinal\">3</say-as>", "第三")]
    [InlineData("<say-as interpret-as=\"digits\">2023</say-as>", "二零二三")]
    [InlineData("<say-as interpret-as=\"telephone\">138-1234-5678</say-as>", "幺三八，幺二三四，五六七八")]
    [InlineData("<say-as interpret-as=\"date\" format=\"ymd\">2023-05-06</say-as>", "二零二三年五月六日")]
    [InlineData("<say-as interpret-as=\"time\">15:05</say-as>", "十五点零五分")]
    public async Task Analyze_SayAsMandarin_ReadAsAsked(string element, string expected)
    {
        var result = await TestData.Analyzer.SsmlAsync($"<speak>号码是{element}</speak>");

        Assert.Equal("号码是" + expected, string.Concat(result.Sentences.Select(s => s.Text)));
    }

    [Theory]
    [InlineData("<say-as interpret-as=\"cardinal\">1234</say-as>", "one thousand two hundred thirty-four")]
    [InlineData("<say-as interpret-as=\"ordinal\">21</say-as>", "twenty-first")]
    [InlineData("<say-as interpret-as=\"digits\">1234</say-as>", "one two three four")]
    [InlineData("<say-as interpret-as=\"characters\">USA</say-as>", "U S A")]
    [InlineData("<say-as interpret-as=\"date\" format=\"mdy\">05/06/2023</say-as>", "May sixth, twenty twenty-three")]
    [InlineData("<say-as interpret-as=\"time\">3:30pm</say-as>", "three thirty P M")]
    public async Task Analyze_SayAsEnglish_ReadAsAsked(string element, string expected)
    {
        var result = await TestData.Analyzer.SsmlAsync($"<speak xml:lang=\"en-US\">It is {element}</speak>");

        Assert.Equal("It is " + expected, string.Join(' ', result.Sentences.Select(s => s.Text)));
    }

    [Fact]
    public async Task Analyze_SayAsThatDoesNotFit_ReadAsTextWithWarning()
    {
        var result = await TestData.Analyzer.SsmlAsync("<speak>It is <say-as interpret-as=\"cardinal\">many</say-as></speak>");

        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.TextNormalizationFallback);
        Assert.Equal("It is many", result.Sentences.Single().Text);
    }

    [Fact]
    public async Task Analyze_PhonemePinyin_FixesHanReadings()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak><phoneme alphabet=\"pinyin\" ph=\"chong2 xin1\">重新</phoneme>开始</speak>")).Sentences.Single();

        var word = sentence.Words[0];
        Assert.Equal(PronunciationSource.Phoneme, word.Source);
        Assert.Equal(["chong2", "xin1"], word.Syllables.Select(s => s.Pinyin));
    }

    [Fact]
    public async Task Analyze_PhonemeIpa_ReadAsWritten()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak>Say <phoneme alphabet=\"ipa\" ph=\"təmˈɑːtoʊ\">tomato</phoneme></speak>")).Sentences.Single();

        var word = sentence.Words.Single(w => w.Text == "tomato");
        Assert.Equal(PronunciationSource.Phoneme, word.Source);
        Assert.Equal("təmˈɑːtoʊ", string.Concat(word.Phonemes));
        Assert.EndsWith("təmˈɑːtoʊ", sentence.Phonemes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Sub_ReadsAliasKeepsOriginal()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak>Visit the <sub alias=\"World Wide Web\">WWW</sub></speak>")).Sentences.Single();

        Assert.Equal("Visit the World Wide Web", sentence.Text);
        Assert.All(sentence.Words.Skip(2), w => Assert.Equal("WWW", w.Original));
    }

    [Fact]
    public async Task Analyze_EmotionElement_FillsSentenceEmotion()
    {
        var result = await TestData.Analyzer.SsmlAsync($"<speak {Vf}><vf:emotion name=\"happy\" strength=\"0.7\">太好了！</vf:emotion>平静地说。</speak>");

        Assert.Equal("happy", result.Sentences[0].Emotion?.Label);
        Assert.Equal(0.7f, result.Sentences[0].Emotion?.Strength);
        Assert.Null(result.Sentences[1].Emotion);
    }

    [Fact]
    public async Task Analyze_EmotionDescription_Kept()
    {
        var result = await TestData.Analyzer.SsmlAsync($"<speak {Vf}><vf:emotion description=\"像刚发现自己被骗了一样\">原来是这样。</vf:emotion></speak>");

        Assert.Equal("像刚发现自己被骗了一样", result.Sentences.Single().Emotion?.Description);
    }

    [Fact]
    public async Task Analyze_XmlLang_SetsSpanLanguage()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak>我说<s xml:lang=\"en-GB\">tomato</s></speak>")).Sentences[^1];

        Assert.Equal("en-gb", sentence.Words.Single().Language);
    }

    [Fact]
    public async Task Analyze_SsmlWordOffsets_PointIntoTheDocument()
    {
        const string ssml = "<speak>Hi <emphasis>there</emphasis></speak>";

        var word = (await TestData.Analyzer.SsmlAsync(ssml)).Sentences.Single().Words.Single(w => w.Text == "there");

        Assert.Equal("there", ssml.Substring(word.SourceOffset, word.SourceLength));
    }

    [Theory]
    [InlineData("<speak>unclosed", 1)]
    [InlineData("<speak>\n  <p>one</s>\n</speak>", 2)]
    [InlineData("<speak>\n<voice name=\"x\">hi</voice></speak>", 2)]
    [InlineData("<speak><break time=\"forever\"/></speak>", 1)]
    [InlineData("<speak><prosody rate=\"warp\">x</prosody></speak>", 1)]
    [InlineData("<speak><say-as interpret-as=\"currency\">5</say-as></speak>", 1)]
    [InlineData("<speak><phoneme alphabet=\"x-sampa\" ph=\"a\">a</phoneme></speak>", 1)]
    [InlineData("<speak><phoneme alphabet=\"pinyin\" ph=\"zhongg4\">重</phoneme></speak>", 1)]
    [InlineData("<speak><phoneme alphabet=\"pinyin\" ph=\"zhong4 yao4\">重</phoneme></speak>", 1)]
    [InlineData("<speak><sub>x</sub></speak>", 1)]
    [InlineData("<speak xmlns:vf=\"urn:voicefleet:ssml\"><vf:emotion>x</vf:emotion></speak>", 1)]
    [InlineData("<speak xmlns:vf=\"urn:voicefleet:ssml\"><vf:emotion name=\"happy\" strength=\"2\">x</vf:emotion></speak>", 1)]
    [InlineData("<p>not speak</p>", 1)]
    [InlineData("<!DOCTYPE speak [<!ENTITY x \"y\">]><speak>&x;</speak>", 1)]
    public async Task Analyze_MalformedSsml_InvalidArgumentWithLineAndColumn(string ssml, int line)
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.SsmlAsync(ssml));

        Assert.Equal("ssml", ex.Field);
        Assert.Equal(line, ex.Line);
        Assert.NotNull(ex.Column);
        Assert.StartsWith($"ssml: line {line}, column ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_UnknownElement_MessageNamesElementAndPosition()
    {
        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.SsmlAsync("<speak>\n  hi <audio src=\"x.wav\"/></speak>"));

        Assert.Equal(2, ex.Line);
        Assert.Equal(6, ex.Column);
        Assert.Contains("<audio>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_DeeplyNestedSsml_InvalidNotACrash()
    {
        var ssml = "<speak>" + string.Concat(Enumerable.Repeat("<emphasis>", 1000)) + "x" + string.Concat(Enumerable.Repeat("</emphasis>", 1000)) + "</speak>";

        var ex = await Assert.ThrowsAsync<TextInputException>(() => TestData.Analyzer.SsmlAsync(ssml));

        Assert.Contains("nested more than 64 deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_SsmlTextOverLimit_InvalidArgument()
    {
        var analyzer = new TextAnalyzer(TestData.G2p, null, new TextAnalyzerOptions { Limits = new() { MaxInputChars = 10 } });

        var ex = await Assert.ThrowsAsync<TextInputException>(() => analyzer.SsmlAsync("<speak>这是一段超过十个字的文本内容。</speak>"));

        Assert.Contains("limit is 10", ex.Message, StringComparison.Ordinal);
    }
}

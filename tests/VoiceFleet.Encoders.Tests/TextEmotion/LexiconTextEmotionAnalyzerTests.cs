using VoiceFleet.Encoders.TextEmotion;
using Xunit;
using Xunit.Abstractions;

namespace VoiceFleet.Encoders.Tests.TextEmotion;

/// <summary>The rules of the lexicon baseline, one by one, and its agreement on descriptions it was not written against.</summary>
public sealed class LexiconTextEmotionAnalyzerTests(ITestOutputHelper output)
{
    private static readonly LexiconTextEmotionAnalyzer Analyzer = new();

    // Descriptions written for this test, not taken from the golden set; they were scored once, before any
    // lexicon change, and the first score is the one docs/encoders.md reports.
    private static readonly (string Description, string Emotion)[] HeldOut =
    [
        ("兴奋地欢呼", "happy"), ("高高兴兴地打招呼", "happy"), ("失望地摇头", "sad"), ("含着眼泪说再见", "sad"), ("气得浑身发抖", "angry"),
        ("冷冷地嘲讽", "disgusted"), ("吓得说不出话", "fearful"), ("难以置信地反问", "surprised"), ("平淡地念完这段话", "neutral"),
        ("有点不高兴", "sad"), ("愤愤不平地说", "angry"), ("心惊胆战地问", "fearful"), ("嗤笑一声", "disgusted"), ("一脸嫌弃", "disgusted"),
        ("欣喜若狂地大喊", "happy"), ("gleefully announcing good news", "happy"), ("bitterly disappointed", "sad"), ("seething with rage", "angry"),
        ("completely stunned", "surprised"), ("nervous and hesitant", "fearful"), ("revolted by the smell", "disgusted"),
        ("flat, robotic delivery", "neutral"), ("slightly annoyed, whispering", "angry"), ("on the verge of tears", "sad"),
        ("mocking and condescending", "disgusted"), ("terrified, voice shaking", "fearful"), ("not happy at all", "sad"),
        ("pleasantly surprised", "surprised"), ("sobbing uncontrollably", "sad"), ("cold and dismissive", "disgusted"),
    ];

    [Fact]
    public void Analyze_HeldOutDescriptions_MostlyAgree()
    {
        var correct = 0;
        foreach (var (description, emotion) in HeldOut)
        {
            var result = Analyzer.Analyze(description, CancellationToken.None);
            correct += result.Emotion == emotion ? 1 : 0;
            output.WriteLine($"{(result.Emotion == emotion ? "ok  " : "MISS")} {emotion,-10} {result.Emotion,-10} {description}");
        }

        output.WriteLine($"held-out agreement {correct} of {HeldOut.Length}");
        Assert.True(correct >= HeldOut.Length * 0.75, $"{correct} of {HeldOut.Length}");
    }

    [Theory]
    [InlineData("轻微生气", "有点生气", "生气", "非常生气", "极度生气")]
    [InlineData("slightly happy", "a bit happy", "happy", "very happy", "extremely happy")]
    public void Analyze_IntensityAdverbs_OrderTheStrength(params string[] weakestToStrongest)
    {
        var strengths = weakestToStrongest.Select(d => Analyzer.Analyze(d, CancellationToken.None).Strength).ToArray();

        for (var i = 1; i < strengths.Length; i++)
        {
            Assert.True(strengths[i] > strengths[i - 1] || strengths[i] == 1, $"{weakestToStrongest[i]} ({strengths[i]}) vs {weakestToStrongest[i - 1]} ({strengths[i - 1]})");
        }

        Assert.InRange(strengths[0], 0.05, 0.45);
        Assert.InRange(strengths[^1], 0.95, 1);
    }

    [Fact]
    public void Analyze_FuriousAlone_IsStrongerThanAngry()
    {
        Assert.True(Analyzer.Analyze("furious", CancellationToken.None).Strength > Analyzer.Analyze("angry", CancellationToken.None).Strength);
    }

    [Theory]
    [InlineData("不太开心", "sad")]
    [InlineData("不开心", "sad")]
    [InlineData("not happy", "sad")]
    [InlineData("不生气", "neutral")]
    [InlineData("not angry at all", "neutral")]
    public void Analyze_Negation_TurnsTheCue(string description, string expected)
    {
        Assert.Equal(expected, Analyzer.Analyze(description, CancellationToken.None).Emotion);
    }

    [Fact]
    public void Analyze_NotVeryHappy_IsWeakerThanUnhappy()
    {
        var notVery = Analyzer.Analyze("不太开心", CancellationToken.None);
        var not = Analyzer.Analyze("不开心", CancellationToken.None);

        Assert.True(notVery.Strength < not.Strength, $"不太开心 {notVery.Strength}, 不开心 {not.Strength}");
    }

    [Fact]
    public void Analyze_Compound_GivesAMixture()
    {
        var result = Analyzer.Analyze("惊喜又略带怀疑", CancellationToken.None);

        Assert.True(result["surprised"] > 0.2 && result["happy"] > 0.2, $"surprised {result["surprised"]}, happy {result["happy"]}");
        Assert.True(result["disgusted"] > result["angry"], "the doubt should add a little of its own colour");
        Assert.Equal(1f, result.Distribution.Sum(), 3);
    }

    [Theory]
    [InlineData("带着哭腔", "sad")]
    [InlineData("喘着气", "fearful")]
    [InlineData("whispering", "fearful")]
    [InlineData("像广播一样", "neutral")]
    public void Analyze_MannerPhrases_ImplyAnEmotion(string description, string expected)
    {
        var result = Analyzer.Analyze(description, CancellationToken.None);

        Assert.Equal(expected, result.Emotion);
        Assert.True(result.Recognised);
    }

    [Fact]
    public void Analyze_Restraint_LowersStrengthNotEmotion()
    {
        var open = Analyzer.Analyze("愤怒地说", CancellationToken.None);
        var held = Analyzer.Analyze("强压着愤怒说", CancellationToken.None);

        Assert.Equal("angry", held.Emotion);
        Assert.True(held.Strength < open.Strength);
    }

    [Fact]
    public void Analyze_NothingRecognised_IsNeutralAtZeroStrength()
    {
        var result = Analyzer.Analyze("请按下面的文字说 / say the next line", CancellationToken.None);

        Assert.Equal("neutral", result.Emotion);
        Assert.Equal(0f, result.Strength);
    }

    [Fact]
    public void Analyze_SameInput_SameOutput()
    {
        var a = Analyzer.Analyze("惊讶又略带怀疑地说", CancellationToken.None);
        var b = Analyzer.Analyze("惊讶又略带怀疑地说", CancellationToken.None);

        Assert.Equal(a.Distribution, b.Distribution);
        Assert.Equal(a.Strength, b.Strength);
    }

    [Fact]
    public void Lexicon_Specs_ParseWithoutDuplicates()
    {
        Assert.True(EmotionLexicon.Mandarin.Count > 300, $"{EmotionLexicon.Mandarin.Count} Mandarin terms");
        Assert.True(EmotionLexicon.English.Count + EmotionLexicon.EnglishPrefixes.Count > 300);
    }
}

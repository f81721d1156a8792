using VoiceFleet.Text.Mandarin;
using Xunit;
using Xunit.Abstractions;

namespace VoiceFleet.Text.Tests.Mandarin;

/// <summary>
/// Polyphone accuracy of the Mandarin G2P on the shared set (tests/data/eval/polyphones.jsonl, each check one
/// character's dictionary reading) and on this project's own held-out set, beside a character-level baseline.
/// </summary>
public sealed class PolyphoneEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Evaluate_SharedPolyphoneSet_AtLeast97Percent()
    {
        var score = PolyphoneEvaluation.Run(TestData.EvalFile("polyphones.jsonl"), text => PolyphoneEvaluation.Lexicon(TestData.G2p, text));

        Report("lexicon G2P, polyphones.jsonl", score);
        Assert.True(score.Accuracy >= 0.97, $"accuracy {score.Accuracy:P1} ({score.Correct}/{score.Total}) is below 97 %:\n{string.Join('\n', score.Misses)}");
    }

    [Fact]
    public void Evaluate_CharacterBaseline_FarBelowLexicon()
    {
        var baseline = PolyphoneEvaluation.Run(TestData.EvalFile("polyphones.jsonl"), text => PolyphoneEvaluation.CharacterBaseline(TestData.Lexicon, text));
        var full = PolyphoneEvaluation.Run(TestData.EvalFile("polyphones.jsonl"), text => PolyphoneEvaluation.Lexicon(TestData.G2p, text));

        Report("character baseline, polyphones.jsonl", baseline);
        Assert.True(baseline.Accuracy + 0.2 < full.Accuracy, $"baseline {baseline.Accuracy:P1} vs lexicon {full.Accuracy:P1}");
    }

    [Fact]
    public void Evaluate_WithoutContextRules_SegmentationAndPhrasesAlone()
    {
        var g2p = new MandarinG2p(TestData.Lexicon, contextRules: false);
        var shared = PolyphoneEvaluation.Run(TestData.EvalFile("polyphones.jsonl"), text => PolyphoneEvaluation.Lexicon(g2p, text));
        var heldOut = PolyphoneEvaluation.Run(TestData.OwnFile("polyphones-heldout.jsonl"), text => PolyphoneEvaluation.Lexicon(g2p, text));

        Report("segmentation + phrase lexicon, no context rules, polyphones.jsonl", shared);
        Report("segmentation + phrase lexicon, no context rules, held-out set", heldOut);
        Assert.True(shared.Accuracy > 0.8, $"{shared.Accuracy:P1}");
    }

    [Fact]
    public void Evaluate_HeldOutSet_AtLeast90Percent()
    {
        var score = PolyphoneEvaluation.Run(TestData.OwnFile("polyphones-heldout.jsonl"), text => PolyphoneEvaluation.Lexicon(TestData.G2p, text));
        var baseline = PolyphoneEvaluation.Run(TestData.OwnFile("polyphones-heldout.jsonl"), text => PolyphoneEvaluation.CharacterBaseline(TestData.Lexicon, text));

        Report("lexicon G2P, held-out set", score);
        Report("character baseline, held-out set", baseline);
        Assert.True(score.Accuracy >= 0.90, $"accuracy {score.Accuracy:P1} ({score.Correct}/{score.Total}):\n{string.Join('\n', score.Misses)}");
    }

    private void Report(string what, PolyphoneEvaluation.Score score)
    {
        output.WriteLine($"{what}: {score.Correct}/{score.Total} = {score.Accuracy:P1}");
        foreach (var miss in score.Misses)
        {
            output.WriteLine("  miss: " + miss);
        }
    }
}

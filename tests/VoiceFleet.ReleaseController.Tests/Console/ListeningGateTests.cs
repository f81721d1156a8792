using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.ReleaseController.Tests.Support;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Console;

/// <summary>Mean opinion scores and the LISTENING gate.</summary>
public sealed class ListeningGateTests
{
    [Fact]
    public void MeanOpinion_FiveScores_MeanAndStudentInterval()
    {
        var mos = MeanOpinion.Of([3, 4, 4, 5, 4, 0]);

        // mean 4, sample sd sqrt(0.5), t(4) = 2.776: 2.776 * sqrt(0.5 / 5) = 0.8778.
        Assert.Equal(5, mos.Count);
        Assert.Equal(4, mos.Mean, 6);
        Assert.Equal(0.8778, mos.HalfWidth, 3);
        Assert.Equal(new MeanOpinion(0, 0, 0), MeanOpinion.Of([]));
        Assert.Equal(0, MeanOpinion.Of([5]).HalfWidth);
    }

    [Theory]
    [InlineData(new[] { 4, 4, 4 }, new[] { 4, 4, 4 }, Verdict.Inconclusive)]
    [InlineData(new[] { 4, 4, 4, 4 }, new[] { 4, 4, 3, 4 }, Verdict.Pass)]
    [InlineData(new[] { 5, 5, 4, 5 }, new[] { 3, 3, 3, 4 }, Verdict.Fail)]
    public void Evaluate_ListeningRatings_VerdictFollowsMinimumAndMosDrop(int[] stable, int[] canary, Verdict expected)
    {
        var release = new Release { ReleaseId = "rel_x", ModelVersion = "v23", StableModelVersion = "v21" };
        var ratings = stable.Select((s, i) => Rating(i, Track.Stable, "v21", s)).Concat(canary.Select((s, i) => Rating(i, Track.Canary, "v23", s))).ToList();
        var gates = ReleasePlans.EffectiveGates(null);
        gates.EnabledGates.Add(GateKind.Listening);
        gates.MinListeningRatings = 4;
        gates.MaxMosDrop = 0.5;

        var result = GateEvaluator.Evaluate(gates, new GateInputs(ScriptedMetrics.Healthy(), [], null, null, [], ListeningScores.Of(release, ratings))).Single(g => g.Gate == GateKind.Listening);

        Assert.Equal(expected, result.Verdict);
        Assert.Equal((canary.Length, stable.Length), ((int)result.CanarySamples, (int)result.StableSamples));
        Assert.Equal(stable.Average(), result.StableValue, 6);
    }

    [Fact]
    public void Evaluate_ListeningWithoutRatings_Inconclusive()
    {
        var gates = ReleasePlans.EffectiveGates(null);
        gates.EnabledGates.Add(GateKind.Listening);

        var result = GateEvaluator.Evaluate(gates, new GateInputs(ScriptedMetrics.Healthy(), [], null, null, [])).Single(g => g.Gate == GateKind.Listening);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Contains("no listening ratings", result.Message, StringComparison.Ordinal);
    }

    private static ListeningRating Rating(int i, Track track, string version, int naturalness) =>
        new($"r-{track}-{i}", "rel_x", $"trial-{i}", track, version, "k", naturalness, 0, false, "en-neutral-1", "neutral", i);
}

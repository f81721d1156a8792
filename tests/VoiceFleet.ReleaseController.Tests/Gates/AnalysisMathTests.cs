using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Tests.Support;
using Xunit;
using Histogram = VoiceFleet.ReleaseController.CanaryAnalysis.Histogram;

namespace VoiceFleet.ReleaseController.Tests.Gates;

public sealed class AnalysisMathTests
{
    [Fact]
    public void Parse_Exposition_ReadsNamesLabelsAndSpecialValues()
    {
        var samples = PrometheusText.Parse("""
            # HELP voicefleet_synthesis_requests_total x
            # TYPE voicefleet_synthesis_requests_total counter
            voicefleet_synthesis_requests_total{grpc_code="OK",model_version="v23",service="synthesis",track="canary"} 42
            voicefleet_synthesis_real_time_factor_bucket{le="+Inf",track="canary"} 7 1700000000000
            odd{msg="a \"quoted\" \\ value"} NaN
            """);

        Assert.Equal(3, samples.Count);
        Assert.Equal("canary", samples[0].Label("track"));
        Assert.Equal(42, samples[0].Value);
        Assert.Equal("+Inf", samples[1].Label("le"));
        Assert.Equal("a \"quoted\" \\ value", samples[2].Label("msg"));
        Assert.True(double.IsNaN(samples[2].Value));
    }

    [Fact]
    public void Quantile_Buckets_InterpolatesLikeHistogramQuantile()
    {
        var histogram = new Histogram();
        histogram.AddCumulative(0.1, 50);
        histogram.AddCumulative(0.2, 90);
        histogram.AddCumulative(0.4, 100);
        histogram.AddCumulative(double.PositiveInfinity, 100);

        Assert.Equal(0.1, histogram.Quantile(0.5), 6);
        Assert.Equal(0.3, histogram.Quantile(0.95), 6);
    }

    [Fact]
    public void MannWhitney_CanarySlower_SmallP_SameDistribution_LargeP()
    {
        var rng = new Random(5);
        var stable = Enumerable.Range(0, 80).Select(_ => 0.1 + (rng.NextDouble() * 0.02)).ToArray();
        var slower = Enumerable.Range(0, 80).Select(_ => 0.13 + (rng.NextDouble() * 0.02)).ToArray();
        var same = Enumerable.Range(0, 80).Select(_ => 0.1 + (rng.NextDouble() * 0.02)).ToArray();

        Assert.True(MannWhitney.Test(slower, stable).P < 1e-6);
        Assert.True(MannWhitney.Test(same, stable).P > 0.05);
        Assert.InRange(MannWhitney.UpperTail(1.6448536), 0.0499, 0.0501);
    }

    [Fact]
    public void Evaluate_HealthyWindow_AllMetricGatesPass()
    {
        var gates = ReleasePlans.EffectiveGates(null);
        gates.DisabledGates.Add(GateKind.SpeakerSimilarity);
        gates.DisabledGates.Add(GateKind.EmotionAgreement);

        var results = GateEvaluator.Evaluate(gates, new GateInputs(ScriptedMetrics.Healthy(), [], null, null, []));

        Assert.All(results, r => Assert.True(r.Verdict == Verdict.Pass, $"{r.Gate}: {r.Message}"));
    }

    [Fact]
    public void Evaluate_FewRequests_InconclusiveNeverPass()
    {
        var results = GateEvaluator.Evaluate(ReleasePlans.EffectiveGates(null), new GateInputs(ScriptedMetrics.Quiet(), [], "no shadow", null, []));

        Assert.Equal(Verdict.Inconclusive, GateEvaluator.Overall(results));
        Assert.DoesNotContain(results, r => r.Verdict == Verdict.Pass && r.Gate is GateKind.ErrorRatio or GateKind.P95Rtf);
    }

    [Fact]
    public void Evaluate_ErrorsAndSlowCanary_FailsErrorRatioAndRtf()
    {
        var metrics = ScriptedMetrics.Healthy(canaryRequests: 200, canaryErrors: 30, canaryRtf: 0.4);

        var results = GateEvaluator.Evaluate(ReleasePlans.EffectiveGates(null), new GateInputs(metrics, [], null, null, []));

        Assert.Equal(Verdict.Fail, results.Single(r => r.Gate == GateKind.ErrorRatio).Verdict);
        var rtf = results.Single(r => r.Gate == GateKind.P95Rtf);
        Assert.Equal(Verdict.Fail, rtf.Verdict);
        Assert.InRange(rtf.Score, 3, 5);
    }

    [Fact]
    public void Evaluate_FewRequestsAllErrors_FailsWithoutWaitingForMore()
    {
        var metrics = ScriptedMetrics.Healthy(canaryRequests: 10, canaryErrors: 10);

        var result = GateEvaluator.Evaluate(ReleasePlans.EffectiveGates(null), new GateInputs(metrics, [], null, null, [])).Single(r => r.Gate == GateKind.ErrorRatio);

        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Evaluate_CanaryDown_ErrorRatioFails()
    {
        var result = GateEvaluator.Evaluate(ReleasePlans.EffectiveGates(null), new GateInputs(ScriptedMetrics.Quiet(), [], null, "UNAVAILABLE: connection refused", [])).Single(r => r.Gate == GateKind.ErrorRatio);

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Contains("does not answer", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoStableTrafficAtFullWeight_UsesEarlierStableBaseline()
    {
        var earlier = new Contracts.V1.Analysis { WindowEnd = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) };
        earlier.Gates.Add(new GateResult { Gate = GateKind.P95Rtf, StableValue = 0.19, StableSamples = 500 });
        var metrics = new WindowMetrics(ScriptedMetrics.Track(300, 0, 0.1), new TrackWindow(), "scripted", []);

        var result = GateEvaluator.Evaluate(ReleasePlans.EffectiveGates(null), new GateInputs(metrics, [], null, null, [earlier])).Single(r => r.Gate == GateKind.P95Rtf);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(0.19, result.StableValue);
        Assert.Contains("stable baseline from the window", result.Message, StringComparison.Ordinal);
    }
}

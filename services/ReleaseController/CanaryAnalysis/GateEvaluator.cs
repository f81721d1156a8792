using System.Globalization;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Slots;

namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>Everything one window's gates look at.</summary>
/// <param name="Metrics">Per-track metrics of the window.</param>
/// <param name="Shadow">Paired syntheses of the window (empty without shadow comparison).</param>
/// <param name="ShadowNote">Why there is no shadow comparison, if there is none.</param>
/// <param name="CanaryHealth">Null when the canary slot answered; else what went wrong.</param>
/// <param name="Previous">Earlier analyses of the release, newest last (stable baselines at 100 % canary).</param>
/// <param name="Listening">The release's blind listening ratings so far (null when the LISTENING gate is off or none were read).</param>
internal sealed record GateInputs(WindowMetrics Metrics, IReadOnlyList<PairOutcome> Shadow, string? ShadowNote, string? CanaryHealth, IReadOnlyList<Analysis> Previous, ListeningScores? Listening = null);

/// <summary>
/// Turns a window's numbers into gate results. Comparisons take stable over the same window; when stable
/// served too little in it (canary at 100 %), the stable value of the latest window that had enough is used
/// and the message says so. Too few canary samples is INCONCLUSIVE, never a pass.
/// </summary>
internal static class GateEvaluator
{
    public static List<GateResult> Evaluate(GateThresholds t, GateInputs inputs)
    {
        var results = new List<GateResult>();
        foreach (var gate in ReleasePlans.Enabled(t))
        {
            results.Add(gate switch
            {
                GateKind.ErrorRatio => ErrorRatio(t, inputs),
                GateKind.P95Rtf => P95Rtf(t, inputs),
                GateKind.NonFinite => NonFinite(t, inputs),
                GateKind.Clipping => MeanIncrease(GateKind.Clipping, t.MaxClippingIncrease, t.MinRequests, inputs, w => (w.ClippingSum, w.ClippingCount), absolute: false),
                GateKind.Silence => MeanIncrease(GateKind.Silence, t.MaxSilenceIncrease, t.MinRequests, inputs, w => (w.SilenceSum, w.SilenceCount), absolute: false),
                GateKind.Loudness => MeanIncrease(GateKind.Loudness, t.MaxLoudnessDeltaLu, t.MinRequests, inputs, w => (w.LoudnessSum, w.LoudnessCount), absolute: true),
                GateKind.SpeakerSimilarity => SpeakerSimilarity(t, inputs),
                GateKind.EmotionAgreement => EmotionAgreement(t, inputs),
                GateKind.RtfMannWhitney => RtfMannWhitney(t, inputs),
                GateKind.Listening => Listening(t, inputs),
                _ => throw new InvalidOperationException($"unknown gate {gate}"),
            });
        }

        return results;
    }

    /// <summary>FAIL if any gate failed, else INCONCLUSIVE if any was, else PASS.</summary>
    public static Verdict Overall(IEnumerable<GateResult> gates)
    {
        var list = gates.ToList();
        return list.Any(g => g.Verdict == Verdict.Fail) ? Verdict.Fail
            : list.Any(g => g.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive
            : Verdict.Pass;
    }

    private static GateResult ErrorRatio(GateThresholds t, GateInputs inputs)
    {
        var c = inputs.Metrics.Canary;
        var s = inputs.Metrics.Stable;
        var result = new GateResult { Gate = GateKind.ErrorRatio, Threshold = t.MaxErrorRatioIncrease, CanarySamples = (long)c.Requests, StableSamples = (long)s.Requests, MinSamples = t.MinRequests };
        if (inputs.CanaryHealth is not null)
        {
            result.Verdict = Verdict.Fail;
            result.CanaryValue = 1;
            result.Score = 1;
            result.Message = $"the canary slot does not answer ({inputs.CanaryHealth})";
            return result;
        }

        var (stableRatio, stableNote) = StableValue(GateKind.ErrorRatio, s.Requests >= t.MinRequests ? s.Errors / s.Requests : null, t.MinRequests, inputs.Previous);
        stableRatio ??= 0;
        result.StableValue = stableRatio.Value;
        if (c.Requests < t.MinRequests)
        {
            // Enough errors to exceed the limit even if the missing requests all succeeded: a clear failure already.
            var floor = c.Errors / Math.Max(t.MinRequests, 1);
            result.CanaryValue = c.Requests > 0 ? c.Errors / c.Requests : 0;
            result.Score = result.CanaryValue - stableRatio.Value;
            if (c.Errors > 0 && floor > t.MaxErrorRatio)
            {
                result.Verdict = Verdict.Fail;
                result.Message = F($"{c.Errors:0} server errors in {c.Requests:0} canary requests: over {t.MaxErrorRatio:P1} even counted against {t.MinRequests} requests");
                return result;
            }

            result.Verdict = Verdict.Inconclusive;
            result.Message = F($"{c.Requests:0} canary requests, {t.MinRequests} needed");
            return result;
        }

        result.CanaryValue = c.Errors / c.Requests;
        result.Score = result.CanaryValue - stableRatio.Value;
        if (result.CanaryValue > t.MaxErrorRatio)
        {
            result.Verdict = Verdict.Fail;
            result.Message = F($"canary error ratio {result.CanaryValue:P2} > {t.MaxErrorRatio:P2}");
        }
        else if (result.Score > t.MaxErrorRatioIncrease)
        {
            result.Verdict = Verdict.Fail;
            result.Message = F($"canary error ratio {result.CanaryValue:P2} exceeds stable's {stableRatio:P2} by more than {t.MaxErrorRatioIncrease:P2}{stableNote}");
        }
        else
        {
            result.Verdict = Verdict.Pass;
            result.Message = F($"canary {result.CanaryValue:P2}, stable {stableRatio:P2}{stableNote}");
        }

        return result;
    }

    private static GateResult P95Rtf(GateThresholds t, GateInputs inputs)
    {
        var c = inputs.Metrics.Canary;
        var s = inputs.Metrics.Stable;
        var result = new GateResult { Gate = GateKind.P95Rtf, Threshold = t.MaxP95RtfRatio, CanarySamples = (long)c.Outputs, StableSamples = (long)s.Outputs, MinSamples = t.MinRequests };
        var (stableP95, note) = StableValue(GateKind.P95Rtf, s.Outputs >= t.MinRequests ? s.Rtf.Quantile(0.95) : null, t.MinRequests, inputs.Previous);
        result.StableValue = stableP95 ?? 0;
        if (c.Outputs < t.MinRequests || stableP95 is null || stableP95 <= 0)
        {
            result.CanaryValue = c.Outputs > 0 ? c.Rtf.Quantile(0.95) : 0;
            result.Verdict = Verdict.Inconclusive;
            result.Message = c.Outputs < t.MinRequests ? F($"{c.Outputs:0} canary outputs, {t.MinRequests} needed") : "no stable baseline with enough outputs yet";
            return result;
        }

        result.CanaryValue = c.Rtf.Quantile(0.95);
        result.Score = result.CanaryValue / stableP95.Value;
        result.Verdict = result.Score > t.MaxP95RtfRatio ? Verdict.Fail : Verdict.Pass;
        result.Message = F($"p95 RTF canary {result.CanaryValue:0.###} / stable {stableP95:0.###} = {result.Score:0.##} ({(result.Verdict == Verdict.Fail ? ">" : "≤")} {t.MaxP95RtfRatio:0.##}){note}");
        return result;
    }

    private static GateResult NonFinite(GateThresholds t, GateInputs inputs)
    {
        var c = inputs.Metrics.Canary;
        var s = inputs.Metrics.Stable;
        var result = new GateResult { Gate = GateKind.NonFinite, Threshold = t.MaxNonFiniteRatio, CanarySamples = (long)c.Outputs, StableSamples = (long)s.Outputs, MinSamples = t.MinRequests };

        // The metrics count NaN/Inf samples, not outputs; samples per output bounds the share of outputs with any from above.
        var metricShare = c.Outputs > 0 ? Math.Min(1, c.NonFiniteSamples / c.Outputs) : (c.NonFiniteSamples > 0 ? 1 : 0);
        result.StableValue = s.Outputs > 0 ? Math.Min(1, s.NonFiniteSamples / s.Outputs) : 0;
        var shadowOutputs = inputs.Shadow.Where(p => p.Candidate is not null).ToList();
        var shadowShare = shadowOutputs.Count > 0 ? shadowOutputs.Count(p => p.Candidate!.Info.Quality.NonFiniteSamples > 0) / (double)shadowOutputs.Count : 0;
        result.CanaryValue = Math.Max(metricShare, shadowShare);
        result.Score = result.CanaryValue;
        if (result.CanaryValue > t.MaxNonFiniteRatio && (c.NonFiniteSamples > 0 || shadowShare > 0) && (t.MaxNonFiniteRatio == 0 || c.Outputs >= t.MinRequests || shadowOutputs.Count >= t.MinShadowSamples))
        {
            result.Verdict = Verdict.Fail;
            result.Message = F($"{c.NonFiniteSamples:0} NaN/Inf samples in {c.Outputs:0} canary outputs, {shadowOutputs.Count(p => p.Candidate!.Info.Quality.NonFiniteSamples > 0)} of {shadowOutputs.Count} shadow outputs; share {result.CanaryValue:P2} > {t.MaxNonFiniteRatio:P2}");
        }
        else if (c.Outputs < t.MinRequests && shadowOutputs.Count < t.MinShadowSamples)
        {
            result.Verdict = Verdict.Inconclusive;
            result.Message = F($"{c.Outputs:0} canary outputs, {t.MinRequests} needed");
        }
        else
        {
            result.Verdict = Verdict.Pass;
            result.Message = F($"share of canary outputs with NaN/Inf ≤ {result.CanaryValue:P2}");
        }

        return result;
    }

    private static GateResult MeanIncrease(GateKind gate, double threshold, int minSamples, GateInputs inputs, Func<TrackWindow, (double Sum, double Count)> pick, bool absolute)
    {
        var (cs, cn) = pick(inputs.Metrics.Canary);
        var (ss, sn) = pick(inputs.Metrics.Stable);
        var result = new GateResult { Gate = gate, Threshold = threshold, CanarySamples = (long)cn, StableSamples = (long)sn, MinSamples = minSamples };
        var (stableMean, note) = StableValue(gate, sn >= minSamples ? ss / sn : null, minSamples, inputs.Previous);
        result.StableValue = stableMean ?? 0;
        result.CanaryValue = cn > 0 ? cs / cn : 0;
        var name = Names.Gate(gate).Replace('_', ' ');
        if (cn < minSamples || stableMean is null)
        {
            result.Verdict = Verdict.Inconclusive;
            result.Message = cn < minSamples ? F($"{cn:0} canary outputs, {minSamples} needed") : "no stable baseline with enough outputs yet";
            return result;
        }

        result.Score = absolute ? Math.Abs(result.CanaryValue - stableMean.Value) : result.CanaryValue - stableMean.Value;
        result.Verdict = result.Score > threshold ? Verdict.Fail : Verdict.Pass;
        result.Message = absolute
            ? F($"mean {name}: canary {result.CanaryValue:0.##}, stable {stableMean:0.##}, |Δ| {result.Score:0.##} {(result.Verdict == Verdict.Fail ? ">" : "≤")} {threshold:0.##}{note}")
            : F($"mean {name}: canary {result.CanaryValue:0.####}, stable {stableMean:0.####}, increase {result.Score:0.####} {(result.Verdict == Verdict.Fail ? ">" : "≤")} {threshold:0.####}{note}");
        return result;
    }

    private static GateResult SpeakerSimilarity(GateThresholds t, GateInputs inputs)
    {
        var values = inputs.Shadow.Where(p => p.SpeakerSimilarity is { } v && double.IsFinite(v)).Select(p => p.SpeakerSimilarity!.Value).ToList();
        var result = new GateResult { Gate = GateKind.SpeakerSimilarity, Threshold = t.MinSpeakerSimilarity, CanarySamples = values.Count, StableSamples = values.Count, MinSamples = t.MinShadowSamples };
        if (values.Count < t.MinShadowSamples || values.Count == 0)
        {
            result.Verdict = Verdict.Inconclusive;
            result.Message = inputs.ShadowNote ?? F($"{values.Count} shadow pairs compared, {t.MinShadowSamples} needed");
            return result;
        }

        result.CanaryValue = values.Average();
        result.Score = result.CanaryValue;
        result.Verdict = result.CanaryValue < t.MinSpeakerSimilarity ? Verdict.Fail : Verdict.Pass;
        result.Message = F($"mean speaker similarity canary vs stable {result.CanaryValue:0.###} {(result.Verdict == Verdict.Fail ? "<" : "≥")} {t.MinSpeakerSimilarity:0.###} over {values.Count} shadow pairs");
        return result;
    }

    private static GateResult EmotionAgreement(GateThresholds t, GateInputs inputs)
    {
        var canary = inputs.Shadow.Where(p => p.CandidateEmotion is not null).ToList();
        var stable = inputs.Shadow.Where(p => p.BaselineEmotion is not null).ToList();
        var result = new GateResult { Gate = GateKind.EmotionAgreement, Threshold = t.MinEmotionAgreement, CanarySamples = canary.Count, StableSamples = stable.Count, MinSamples = t.MinShadowSamples };
        result.StableValue = stable.Count > 0 ? stable.Count(p => p.BaselineAgrees) / (double)stable.Count : 0;
        if (canary.Count < t.MinShadowSamples || canary.Count == 0)
        {
            result.Verdict = Verdict.Inconclusive;
            result.Message = inputs.ShadowNote ?? F($"{canary.Count} canary shadow outputs classified, {t.MinShadowSamples} needed");
            return result;
        }

        result.CanaryValue = canary.Count(p => p.CandidateAgrees) / (double)canary.Count;
        result.Score = result.CanaryValue;
        result.Verdict = result.CanaryValue < t.MinEmotionAgreement ? Verdict.Fail : Verdict.Pass;
        result.Message = F($"emotion agreement canary {result.CanaryValue:P0} (stable {result.StableValue:P0}) {(result.Verdict == Verdict.Fail ? "<" : "≥")} {t.MinEmotionAgreement:P0} over {canary.Count} shadow outputs");
        return result;
    }

    /// <summary>
    /// Blind A/B ratings from the console: naturalness MOS of canary against stable over the whole release so far
    /// (ratings accumulate across windows). Fails when canary is below stable by more than max_mos_drop.
    /// </summary>
    private static GateResult Listening(GateThresholds t, GateInputs inputs)
    {
        var result = new GateResult { Gate = GateKind.Listening, Threshold = t.MaxMosDrop, MinSamples = t.MinListeningRatings };
        if (inputs.Listening is not { } scores)
        {
            result.Verdict = Verdict.Inconclusive;
            result.Message = "no listening ratings recorded for this release (rate it in the console's Listen page)";
            return result;
        }

        var canary = scores.Canary.Naturalness;
        var stable = scores.Stable.Naturalness;
        result.CanarySamples = canary.Count;
        result.StableSamples = stable.Count;
        result.CanaryValue = canary.Mean;
        result.StableValue = stable.Mean;
        if (canary.Count < t.MinListeningRatings || stable.Count < t.MinListeningRatings || canary.Count == 0 || stable.Count == 0)
        {
            result.Verdict = Verdict.Inconclusive;
            result.Message = F($"{canary.Count} canary and {stable.Count} stable naturalness ratings, {t.MinListeningRatings} needed for each");
            return result;
        }

        result.Score = stable.Mean - canary.Mean;
        result.Verdict = result.Score > t.MaxMosDrop ? Verdict.Fail : Verdict.Pass;
        result.Message = F($"naturalness MOS canary {canary.Mean:0.00} ± {canary.HalfWidth:0.00}, stable {stable.Mean:0.00} ± {stable.HalfWidth:0.00}: drop {result.Score:0.00} {(result.Verdict == Verdict.Fail ? ">" : "≤")} {t.MaxMosDrop:0.00} over {canary.Count}/{stable.Count} ratings");
        return result;
    }

    private static GateResult RtfMannWhitney(GateThresholds t, GateInputs inputs)
    {
        var c = inputs.Metrics.Canary.Rtf;
        var s = inputs.Metrics.Stable.Rtf;
        var result = new GateResult { Gate = GateKind.RtfMannWhitney, Threshold = t.RtfMannWhitneyAlpha, MinSamples = t.MinRequests };
        MannWhitney.Result test;
        string basis;
        if (c.Count >= t.MinRequests && s.Count >= t.MinRequests)
        {
            var bounds = c.Buckets.Select(b => b.UpperBound).Union(s.Buckets.Select(b => b.UpperBound)).Order().ToArray();
            var cb = c.Buckets.ToDictionary(b => b.UpperBound, b => b.Count);
            var sb = s.Buckets.ToDictionary(b => b.UpperBound, b => b.Count);
            test = MannWhitney.Test([.. bounds.Select(b => (cb.GetValueOrDefault(b), sb.GetValueOrDefault(b)))]);
            basis = "per-request RTF from the histograms (buckets as tied ranks)";
        }
        else
        {
            var pairs = inputs.Shadow.Where(p => p.Candidate is not null && p.Baseline is not null).ToList();
            if (pairs.Count < t.MinShadowSamples || pairs.Count == 0)
            {
                result.CanarySamples = (long)c.Count;
                result.StableSamples = (long)s.Count;
                result.Verdict = Verdict.Inconclusive;
                result.Message = F($"{c.Count:0} canary and {s.Count:0} stable RTF samples ({t.MinRequests} each needed), {pairs.Count} shadow pairs");
                return result;
            }

            test = MannWhitney.Test(pairs.Select(p => p.Candidate!.Info.RealTimeFactor), pairs.Select(p => p.Baseline!.Info.RealTimeFactor));
            basis = "RTF of the shadow pairs";
        }

        result.CanarySamples = (long)test.CanaryCount;
        result.StableSamples = (long)test.StableCount;
        result.CanaryValue = test.U;
        result.StableValue = test.CanaryCount * test.StableCount / 2;
        result.Score = test.P;
        result.Verdict = test.P < t.RtfMannWhitneyAlpha ? Verdict.Fail : Verdict.Pass;
        result.Message = F($"Mann–Whitney U {test.U:0} (z {test.Z:0.##}): canary slower than stable with p = {test.P:0.####} {(result.Verdict == Verdict.Fail ? "<" : "≥")} α {t.RtfMannWhitneyAlpha}; {basis}");
        return result;
    }

    /// <summary>Stable's value this window, else the latest earlier window's with enough stable samples.</summary>
    private static (double? Value, string Note) StableValue(GateKind gate, double? current, int minSamples, IReadOnlyList<Analysis> previous)
    {
        if (current is not null)
        {
            return (current, string.Empty);
        }

        for (var i = previous.Count - 1; i >= 0; i--)
        {
            var earlier = previous[i].Gates.FirstOrDefault(g => g.Gate == gate && g.StableSamples >= Math.Max(minSamples, 1));
            if (earlier is not null)
            {
                return (earlier.StableValue, F($" (stable baseline from the window ending {previous[i].WindowEnd.ToDateTimeOffset():HH:mm:ss})"));
            }
        }

        return (null, string.Empty);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

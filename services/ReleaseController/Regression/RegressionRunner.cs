using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Slots;

namespace VoiceFleet.ReleaseController.Regression;

/// <summary>
/// The pre-rollout regression: every golden-set item synthesised on the candidate and the baseline slot
/// directly, both outputs kept as WAV artifacts, compared per emotion (quality signals, RTF, speaker
/// similarity, emotion agreement) and judged by the plan's thresholds. The result is an evaluation run.
/// </summary>
internal sealed class RegressionRunner(
    PairedSynthesis pairs,
    GoldenSets goldenSets,
    SlotClients slots,
    IOptions<RegressionOptions> options,
    TimeProvider time)
{
    public async Task<EvaluationRun> RunAsync(string releaseId, string candidateVersion, Slot candidate, string baselineVersion, Slot baseline, ReleasePlan plan, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var set = goldenSets.Get(plan.GoldenSet);
        var items = settings.ItemsPerEmotion == 0
            ? set.Items.ToList()
            : set.Items.GroupBy(i => i.Emotion, StringComparer.Ordinal).SelectMany(g => g.Take(settings.ItemsPerEmotion)).ToList();
        var start = time.GetUtcNow();
        var run = new EvaluationRun
        {
            RunId = Ids.New("eval_", start),
            ReleaseId = releaseId,
            CandidateModelVersion = candidateVersion,
            BaselineModelVersion = baselineVersion,
            StartTime = Timestamp.FromDateTimeOffset(start),
        };
        run.ArtifactDir = Path.Join(settings.ResolvedArtifactsDirectory, run.RunId);
        run.Parameters.Add("golden_set", set.Name);
        run.Parameters.Add("golden_set_sha256", set.Sha256);
        run.Parameters.Add("items", items.Count.ToString(CultureInfo.InvariantCulture));
        run.Parameters.Add("seed", settings.Seed.ToString(CultureInfo.InvariantCulture));
        run.Parameters.Add("voice", string.IsNullOrEmpty(settings.Voice) ? "(model default)" : settings.Voice);
        run.Parameters.Add("candidate_slot", Names.Slot(candidate));
        run.Parameters.Add("baseline_slot", Names.Slot(baseline));
        Directory.CreateDirectory(run.ArtifactDir);

        if (!slots.IsReachable(candidate) || !slots.IsReachable(baseline))
        {
            run.Verdict = Verdict.Fail;
            run.Gates.Add(new GateResult { Gate = GateKind.ErrorRatio, Verdict = Verdict.Fail, Message = "the regression needs both slots' GrpcUrl (ReleaseController:Slots)" });
            run.EndTime = Timestamp.FromDateTimeOffset(time.GetUtcNow());
            return run;
        }

        var outcomes = new PairOutcome[items.Count];
        await Parallel.ForAsync(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            outcomes[i] = await pairs.RunAsync(items[i], candidate, baseline, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        foreach (var outcome in outcomes)
        {
            var item = new EvaluationItem
            {
                ItemId = outcome.Item.Id,
                Emotion = outcome.Item.Emotion,
                Text = outcome.Item.Text,
                SpeakerSimilarity = outcome.SpeakerSimilarity ?? 0,
                CandidateEmotion = outcome.CandidateEmotion ?? string.Empty,
                CandidateRtf = outcome.Candidate?.Info.RealTimeFactor ?? 0,
                BaselineRtf = outcome.Baseline?.Info.RealTimeFactor ?? 0,
                Error = string.Join("; ", new[] { outcome.CandidateError is null ? null : $"candidate {outcome.CandidateError}", outcome.BaselineError is null ? null : $"baseline {outcome.BaselineError}", outcome.EncoderError is null ? null : $"encoders {outcome.EncoderError}" }.Where(e => e is not null)),
            };
            var safeId = string.Concat(outcome.Item.Id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
            if (outcome.Candidate is not null)
            {
                item.CandidateAudioPath = $"{safeId}.candidate.wav";
                await File.WriteAllBytesAsync(Path.Join(run.ArtifactDir, item.CandidateAudioPath), outcome.Candidate.Audio.Data.ToByteArray(), cancellationToken).ConfigureAwait(false);
            }

            if (outcome.Baseline is not null)
            {
                item.BaselineAudioPath = $"{safeId}.baseline.wav";
                await File.WriteAllBytesAsync(Path.Join(run.ArtifactDir, item.BaselineAudioPath), outcome.Baseline.Audio.Data.ToByteArray(), cancellationToken).ConfigureAwait(false);
            }

            run.Items.Add(item);
        }

        foreach (var group in outcomes.GroupBy(o => o.Item.Emotion, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            run.Metrics.Add(Metrics(group.Key, [.. group]));
        }

        run.Metrics.Add(Metrics("all", outcomes));
        run.Gates.AddRange(Judge(plan.Gates, outcomes, slots.HasEncoders));
        run.Verdict = GateEvaluator.Overall(run.Gates);
        run.EndTime = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        return run;
    }

    private static EvaluationMetrics Metrics(string emotion, PairOutcome[] outcomes)
    {
        var candidates = outcomes.Where(o => o.Candidate is not null).Select(o => o.Candidate!).ToList();
        var baselines = outcomes.Where(o => o.Baseline is not null).Select(o => o.Baseline!).ToList();
        var similarities = outcomes.Where(o => o.SpeakerSimilarity is { } v && double.IsFinite(v)).Select(o => o.SpeakerSimilarity!.Value).ToList();
        var classifiedC = outcomes.Where(o => o.CandidateEmotion is not null).ToList();
        var classifiedB = outcomes.Where(o => o.BaselineEmotion is not null).ToList();
        return new EvaluationMetrics
        {
            Emotion = emotion,
            Items = outcomes.Length,
            CandidateFailures = outcomes.Count(o => o.Candidate is null),
            BaselineFailures = outcomes.Count(o => o.Baseline is null),
            CandidateP95Rtf = P95(candidates.Select(c => c.Info.RealTimeFactor)),
            BaselineP95Rtf = P95(baselines.Select(c => c.Info.RealTimeFactor)),
            CandidateNonFinite = candidates.Count(c => c.Info.Quality.NonFiniteSamples > 0),
            CandidateClippingRatio = Mean(candidates.Select(c => c.Info.Quality.ClippingRatio)),
            BaselineClippingRatio = Mean(baselines.Select(c => c.Info.Quality.ClippingRatio)),
            CandidateSilenceRatio = Mean(candidates.Select(c => c.Info.Quality.SilenceRatio)),
            BaselineSilenceRatio = Mean(baselines.Select(c => c.Info.Quality.SilenceRatio)),
            CandidateLoudnessLufs = Mean(candidates.Select(c => c.Info.Quality.LoudnessLufs)),
            BaselineLoudnessLufs = Mean(baselines.Select(c => c.Info.Quality.LoudnessLufs)),
            SpeakerSimilarity = Mean(similarities),
            CandidateEmotionAgreement = classifiedC.Count == 0 ? 0 : classifiedC.Count(o => o.CandidateAgrees) / (double)classifiedC.Count,
            BaselineEmotionAgreement = classifiedB.Count == 0 ? 0 : classifiedB.Count(o => o.BaselineAgrees) / (double)classifiedB.Count,
        };
    }

    /// <summary>The regression's checks over all items, with the plan's thresholds (golden inputs are few, so every item counts).</summary>
    private static List<GateResult> Judge(GateThresholds t, PairOutcome[] outcomes, bool hasEncoders)
    {
        var all = Metrics("all", outcomes);
        var n = outcomes.Length;
        var results = new List<GateResult>();
        var failureRatio = n == 0 ? 1 : all.CandidateFailures / (double)n;
        var baselineFailureRatio = n == 0 ? 0 : all.BaselineFailures / (double)n;
        results.Add(Check(GateKind.ErrorRatio, failureRatio, baselineFailureRatio, failureRatio, t.MaxErrorRatio, failureRatio > t.MaxErrorRatio, n, $"{all.CandidateFailures} of {n} candidate syntheses failed (baseline {all.BaselineFailures})"));
        if (ReleasePlans.IsEnabled(t, GateKind.P95Rtf))
        {
            var ratio = all.BaselineP95Rtf > 0 ? all.CandidateP95Rtf / all.BaselineP95Rtf : double.NaN;
            results.Add(double.IsFinite(ratio)
                ? Check(GateKind.P95Rtf, all.CandidateP95Rtf, all.BaselineP95Rtf, ratio, t.MaxP95RtfRatio, ratio > t.MaxP95RtfRatio, n, F($"p95 RTF {all.CandidateP95Rtf:0.###} / {all.BaselineP95Rtf:0.###} = {ratio:0.##}"))
                : Inconclusive(GateKind.P95Rtf, t.MaxP95RtfRatio, n, "no baseline RTF"));
        }

        if (ReleasePlans.IsEnabled(t, GateKind.NonFinite))
        {
            var share = n == 0 ? 0 : all.CandidateNonFinite / (double)n;
            results.Add(Check(GateKind.NonFinite, share, 0, share, t.MaxNonFiniteRatio, share > t.MaxNonFiniteRatio, n, $"{all.CandidateNonFinite} of {n} candidate outputs had NaN/Inf samples"));
        }

        if (ReleasePlans.IsEnabled(t, GateKind.Clipping))
        {
            var d = all.CandidateClippingRatio - all.BaselineClippingRatio;
            results.Add(Check(GateKind.Clipping, all.CandidateClippingRatio, all.BaselineClippingRatio, d, t.MaxClippingIncrease, d > t.MaxClippingIncrease, n, F($"mean clipping {all.CandidateClippingRatio:0.####} vs {all.BaselineClippingRatio:0.####}")));
        }

        if (ReleasePlans.IsEnabled(t, GateKind.Silence))
        {
            var d = all.CandidateSilenceRatio - all.BaselineSilenceRatio;
            results.Add(Check(GateKind.Silence, all.CandidateSilenceRatio, all.BaselineSilenceRatio, d, t.MaxSilenceIncrease, d > t.MaxSilenceIncrease, n, F($"mean silence {all.CandidateSilenceRatio:0.###} vs {all.BaselineSilenceRatio:0.###}")));
        }

        if (ReleasePlans.IsEnabled(t, GateKind.Loudness))
        {
            var d = Math.Abs(all.CandidateLoudnessLufs - all.BaselineLoudnessLufs);
            results.Add(Check(GateKind.Loudness, all.CandidateLoudnessLufs, all.BaselineLoudnessLufs, d, t.MaxLoudnessDeltaLu, d > t.MaxLoudnessDeltaLu, n, F($"mean loudness {all.CandidateLoudnessLufs:0.#} vs {all.BaselineLoudnessLufs:0.#} LUFS")));
        }

        if (ReleasePlans.IsEnabled(t, GateKind.SpeakerSimilarity))
        {
            var compared = outcomes.Count(o => o.SpeakerSimilarity is { } v && double.IsFinite(v));
            results.Add(!hasEncoders || compared == 0
                ? Inconclusive(GateKind.SpeakerSimilarity, t.MinSpeakerSimilarity, n, hasEncoders ? "no pair could be compared" : "no Encoders configured")
                : Check(GateKind.SpeakerSimilarity, all.SpeakerSimilarity, 0, all.SpeakerSimilarity, t.MinSpeakerSimilarity, all.SpeakerSimilarity < t.MinSpeakerSimilarity, compared, F($"mean speaker similarity {all.SpeakerSimilarity:0.###} over {compared} pairs")));
        }

        if (ReleasePlans.IsEnabled(t, GateKind.EmotionAgreement))
        {
            var classified = outcomes.Count(o => o.CandidateEmotion is not null);
            results.Add(!hasEncoders || classified == 0
                ? Inconclusive(GateKind.EmotionAgreement, t.MinEmotionAgreement, n, hasEncoders ? "no output could be classified" : "no Encoders configured")
                : Check(GateKind.EmotionAgreement, all.CandidateEmotionAgreement, all.BaselineEmotionAgreement, all.CandidateEmotionAgreement, t.MinEmotionAgreement, all.CandidateEmotionAgreement < t.MinEmotionAgreement, classified, F($"emotion agreement {all.CandidateEmotionAgreement:P0} (baseline {all.BaselineEmotionAgreement:P0})")));
        }

        return results;
    }

    private static GateResult Check(GateKind gate, double canary, double stable, double score, double threshold, bool fail, int samples, string message) => new()
    {
        Gate = gate, Verdict = fail ? Verdict.Fail : Verdict.Pass, CanaryValue = canary, StableValue = stable, Score = score, Threshold = threshold,
        CanarySamples = samples, StableSamples = samples, Message = message,
    };

    private static GateResult Inconclusive(GateKind gate, double threshold, int samples, string message) => new()
    {
        Gate = gate, Verdict = Verdict.Inconclusive, Threshold = threshold, CanarySamples = samples, Message = message,
    };

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).ToList();
        return list.Count == 0 ? 0 : list.Average();
    }

    private static double P95(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = 0.95 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

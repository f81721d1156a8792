using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.ReleaseController.Diagnostics;
using VoiceFleet.ReleaseController.Regression;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Slots;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>
/// One window's analysis: the metrics of both tracks over the window, the shadow comparison (a rotating
/// sample of golden-set inputs synthesised on both slots directly and compared through the Encoders) and
/// the canary slot's health, judged by the plan's gates.
/// </summary>
internal sealed class AnalysisRunner(
    IMetricsSource metrics,
    SlotClients slots,
    PairedSynthesis pairs,
    GoldenSets goldenSets,
    IOptions<ShadowOptions> shadowOptions,
    ReleaseMetrics releaseMetrics,
    IReleaseStore store,
    TimeProvider time)
{
    public string SourceName => metrics.Name;

    public Task BeginWindowAsync(CancellationToken cancellationToken) => metrics.BeginWindowAsync(cancellationToken);

    public async Task<Analysis> AnalyseAsync(Release release, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var windowStart = release.WindowStart.ToDateTimeOffset();
        var now = time.GetUtcNow();
        var window = now > windowStart ? now - windowStart : release.Plan.Steps[release.CurrentStep].ObservationWindow.ToTimeSpan();

        var metricsTask = metrics.CollectAsync(window, now, cancellationToken);
        var shadowTask = ShadowAsync(release, cancellationToken);
        var healthTask = CanaryHealthAsync(release, cancellationToken);
        await Task.WhenAll(metricsTask, shadowTask, healthTask).ConfigureAwait(false);
        var windowMetrics = await metricsTask.ConfigureAwait(false);
        var (shadow, shadowNote) = await shadowTask.ConfigureAwait(false);

        ListeningScores? listening = null;
        if (ReleasePlans.IsEnabled(release.Plan.Gates, GateKind.Listening))
        {
            var ratings = await store.ListListeningRatingsAsync(release.ReleaseId, cancellationToken).ConfigureAwait(false);
            listening = ratings.Count > 0 ? ListeningScores.Of(release, ratings) : null;
        }

        var gates = GateEvaluator.Evaluate(release.Plan.Gates, new GateInputs(windowMetrics, shadow, shadowNote, await healthTask.ConfigureAwait(false), release.Analyses, listening));
        var analysis = new Analysis
        {
            StepIndex = release.CurrentStep,
            WindowStart = release.WindowStart,
            WindowEnd = Timestamp.FromDateTimeOffset(now),
            Verdict = GateEvaluator.Overall(gates),
            Source = windowMetrics.Source,
        };
        analysis.Gates.AddRange(gates);
        analysis.Traffic.Add(Traffic(Track.Canary, release.CanarySlot, release.ModelVersion, windowMetrics.Canary));
        analysis.Traffic.Add(Traffic(Track.Stable, release.StableSlot, release.StableModelVersion, windowMetrics.Stable));
        foreach (var gate in gates)
        {
            releaseMetrics.GateEvaluated(gate.Gate, gate.Verdict);
        }

        releaseMetrics.AnalysisDuration(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return analysis;
    }

    private static TrackTraffic Traffic(Track track, Slot slot, string version, TrackWindow window) => new()
    {
        Track = track,
        Slot = slot,
        ModelVersion = version,
        Requests = (long)Math.Round(window.GatewayRequests > 0 ? window.GatewayRequests : window.Requests),
        Errors = (long)Math.Round(window.Errors),
        AudioSeconds = window.AudioSeconds,
    };

    private async Task<string?> CanaryHealthAsync(Release release, CancellationToken cancellationToken)
    {
        if (!slots.IsReachable(release.CanarySlot))
        {
            return null;
        }

        var state = await slots.GetStateAsync(release.CanarySlot, cancellationToken).ConfigureAwait(false);
        if (!state.Healthy)
        {
            return state.Detail;
        }

        return state.ServingVersion == release.ModelVersion ? null : $"it serves {state.ServingVersion}, not {release.ModelVersion}";
    }

    private async Task<(IReadOnlyList<PairOutcome> Pairs, string? Note)> ShadowAsync(Release release, CancellationToken cancellationToken)
    {
        var options = shadowOptions.Value;
        if (options.SamplesPerWindow == 0)
        {
            return ([], "shadow comparison is off (ReleaseController:Shadow:SamplesPerWindow = 0)");
        }

        if (!slots.HasEncoders)
        {
            return ([], "no Encoders configured for the shadow comparison (ReleaseController:Shadow:EncodersUrl)");
        }

        if (!slots.IsReachable(release.CanarySlot) || !slots.IsReachable(release.StableSlot))
        {
            return ([], "the slots have no GrpcUrl: the shadow comparison cannot call them");
        }

        GoldenSet set;
        try
        {
            set = goldenSets.Get(release.Plan.GoldenSet);
        }
        catch (RpcException ex)
        {
            return ([], ex.Status.Detail);
        }

        // Emotions interleaved (one of each in turn), and each window goes on where the last one stopped,
        // so every window's sample spans the emotions and, over windows, the whole set.
        var ordered = set.Items.GroupBy(i => i.Emotion, StringComparer.Ordinal)
            .SelectMany(g => g.Select((item, rank) => (item, rank)))
            .OrderBy(x => x.rank)
            .Select(x => x.item)
            .ToArray();
        var offset = release.Analyses.Count * options.SamplesPerWindow;
        var items = Enumerable.Range(0, Math.Min(options.SamplesPerWindow, ordered.Length)).Select(i => ordered[(offset + i) % ordered.Length]).ToArray();
        var results = new PairOutcome[items.Length];
        await Parallel.ForAsync(0, items.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            results[i] = await pairs.RunAsync(items[i], release.CanarySlot, release.StableSlot, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var encoderError = results.Select(r => r.EncoderError).FirstOrDefault(e => e is not null);
        return (results, encoderError is null ? null : $"the Encoders failed: {encoderError}");
    }
}

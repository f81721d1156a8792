using System.Diagnostics.Metrics;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Routing;

namespace VoiceFleet.ReleaseController.Diagnostics;

/// <summary>
/// The release controller's metrics (meter <c>VoiceFleet.ReleaseController</c>; docs/metrics.md,
/// "Release controller"): published weight, active phase, gate results, promotions, rollbacks,
/// routing watchers and analysis duration.
/// </summary>
internal sealed class ReleaseMetrics
{
    private static readonly ReleasePhase[] Phases =
        [ReleasePhase.Pending, ReleasePhase.PreRollout, ReleasePhase.Progressing, ReleasePhase.Paused];

    private readonly Counter<long> _gates;
    private readonly Counter<long> _promotions;
    private readonly Counter<long> _rollbacks;
    private readonly Counter<long> _webhooks;
    private readonly Histogram<double> _analysisSeconds;
    private volatile Release? _active;

    public ReleaseMetrics(IMeterFactory meterFactory, RoutingHub routing)
    {
        var meter = meterFactory.Create("VoiceFleet.ReleaseController");
        meter.CreateObservableGauge(
            "voicefleet_release_canary_weight_basis_points",
            () => (long)(routing.Current?.CanaryWeightBps ?? 0),
            description: "Canary weight of the routing the controller publishes, basis points.");
        meter.CreateObservableGauge(
            "voicefleet_release_active",
            ObserveActive,
            description: "1 for the phase of the current release (none when no release is active).");
        meter.CreateObservableGauge(
            "voicefleet_release_routing_watchers",
            () => (long)routing.WatcherCount,
            description: "Gateways watching routing.");
        meter.CreateObservableGauge(
            "voicefleet_release_routing_revision",
            () => routing.Current?.Revision ?? 0,
            description: "Revision of the routing snapshot the controller publishes.");
        _gates = meter.CreateCounter<long>("voicefleet_release_gate_evaluations_total", description: "Gate results by gate and verdict (pass, fail, inconclusive).");
        _promotions = meter.CreateCounter<long>("voicefleet_release_promotions_total", description: "Releases promoted.");
        _rollbacks = meter.CreateCounter<long>("voicefleet_release_rollbacks_total", description: "Releases rolled back, by the gate that failed (manual for an abort).");
        _webhooks = meter.CreateCounter<long>("voicefleet_release_webhook_calls_total", description: "Webhook calls by event and result (success, failure after every retry).");
        _analysisSeconds = meter.CreateHistogram<double>(
            "voicefleet_release_analysis_duration_seconds",
            unit: "s",
            description: "Time of one window's analysis (metrics, shadow comparison, health).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
    }

    /// <summary>The release whose phase <c>voicefleet_release_active</c> reports (null = none active).</summary>
    public void SetActive(Release? release) => _active = release is null || Names.IsTerminal(release.Phase) ? null : release;

    public void GateEvaluated(GateKind gate, Verdict verdict) =>
        _gates.Add(1, new KeyValuePair<string, object?>("gate", Names.Gate(gate)), new KeyValuePair<string, object?>("verdict", Names.Verdict(verdict)));

    public void Promoted() => _promotions.Add(1);

    public void RolledBack(string gate) => _rollbacks.Add(1, new KeyValuePair<string, object?>("gate", gate));

    public void WebhookCalled(string @event, string result) =>
        _webhooks.Add(1, new KeyValuePair<string, object?>("event", @event), new KeyValuePair<string, object?>("result", result));

    public void AnalysisDuration(double seconds) => _analysisSeconds.Record(seconds);

    private IEnumerable<Measurement<long>> ObserveActive()
    {
        var active = _active;
        if (active is null)
        {
            yield break;
        }

        foreach (var phase in Phases)
        {
            yield return new Measurement<long>(phase == active.Phase ? 1 : 0, new KeyValuePair<string, object?>("phase", Names.Phase(phase)));
        }
    }
}

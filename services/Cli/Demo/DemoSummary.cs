using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Cli.Demo;

/// <summary>What the demo did, for people (<see cref="Lines"/>) and scripts (<see cref="ToJson"/>).</summary>
internal sealed class DemoSummary
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public required double WallSeconds { get; init; }

    public required IReadOnlyList<TrafficRecord> Records { get; init; }

    public required IReadOnlyList<ReleaseOutcome> Releases { get; init; }

    /// <summary>The versions known to be faulty (their canary failures are theirs, not routing's).</summary>
    public required IReadOnlySet<string> FaultyVersions { get; init; }

    public required string DataDirectory { get; init; }

    public required string LogFile { get; init; }

    public required Uri ControllerGrpc { get; init; }

    public required string ControllerHttp { get; init; }

    public required string GatewayHttp { get; init; }

    /// <summary>Failed requests served by a faulty version's canary.</summary>
    public int FaultyCanaryFailures => Records.Count(r => r.Failed && r.Track == "canary" && FaultyVersions.Contains(r.ModelVersion));

    /// <summary>Every other failed request: what weight changes, promotion or rollback would have caused (none expected).</summary>
    public int OtherFailures => Records.Count(r => r.Failed) - FaultyCanaryFailures;

    public IEnumerable<string> Lines()
    {
        var byTrack = Records.GroupBy(r => r.Track).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()} (" + string.Join(", ", g.GroupBy(r => r.ModelVersion).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{(v.Key.Length == 0 ? "?" : v.Key)} {v.Count()}")) + ")");
        yield return F($"summary ({WallSeconds:0} s)");
        yield return F($"  requests   {Records.Count} from {Records.Select(r => r.User).Distinct(StringComparer.Ordinal).Count()} users: ") + string.Join(" · ", byTrack);
        yield return F($"  failures   {Records.Count(r => r.Failed)}: {FaultyCanaryFailures} served by the faulty canary, {OtherFailures} from anything else (weight steps, promotion, rollback)");
        foreach (var (outcome, index) in Releases.Select((o, i) => (o, i + 1)))
        {
            var r = outcome.Release;
            var head = F($"  release {index}  {r.ModelVersion} on {ReleaseText.Slot(r.CanarySlot)}: {ReleaseText.Phase(r.Phase)}");
            if (r.Phase == ReleasePhase.Promoted)
            {
                yield return head + F($" after {r.Plan.Steps.Count} steps in {outcome.Seconds:0.0} s; the canary served {outcome.CanaryRequests} of {outcome.Requests} requests meanwhile, {outcome.CanaryFailures} failed");
            }
            else if (r.Phase != ReleasePhase.RolledBack)
            {
                // Aborted (the demo ends a release the controller paused), or not ended at all: no gate to name.
                yield return head + F($" after {outcome.Seconds:0.0} s; the canary served {outcome.CanaryRequests} of {outcome.Requests} requests meanwhile, {outcome.CanaryFailures} failed");
                yield return F($"             {r.OutcomeReason}");
            }
            else
            {
                yield return head + F($" by gate {ReleaseText.Gate(outcome.FailedGate)}, {outcome.DetectionSeconds ?? 0:0.0} s after its canary took traffic ({outcome.Seconds:0.0} s after the release started)");
                yield return F($"             the faulty canary served {outcome.CanaryRequests} of {outcome.Requests} requests before the rollback ({outcome.Exposure:P1}), {outcome.CanaryFailures} failed");
                yield return F($"             {r.OutcomeReason}");
            }
        }

        yield return F($"  history    {DataDirectory}/release-controller.db: releases, transitions, gate results, routing; {DataDirectory}/evaluations/: pre-rollout regression audio");
        yield return F($"             see it: voicefleet release history --controller {ControllerGrpc.ToString().TrimEnd('/')}   (while the fleet runs: voicefleet demo --keep-running, or voicefleet up --data {DataDirectory})");
        yield return F($"  REST       {ControllerHttp}/v1/releases, {ControllerHttp}/v1/evaluations, {ControllerHttp}/v1/routing");
        yield return F($"  metrics    {GatewayHttp}/metrics (per track), {ControllerHttp}/metrics (releases, gates, rollbacks)");
        yield return F($"  logs       {LogFile}");
    }

    public string ToJson()
    {
        var summary = new
        {
            WallSeconds = Math.Round(WallSeconds, 1),
            Requests = new
            {
                Total = Records.Count,
                Users = Records.Select(r => r.User).Distinct(StringComparer.Ordinal).Count(),
                ByTrack = Records.GroupBy(r => (r.Track, r.ModelVersion)).OrderBy(g => g.Key.Track, StringComparer.Ordinal).ThenBy(g => g.Key.ModelVersion, StringComparer.Ordinal)
                    .Select(g => new { g.Key.Track, g.Key.ModelVersion, Requests = g.Count(), Failures = g.Count(r => r.Failed) }),
            },
            Failures = new
            {
                Total = Records.Count(r => r.Failed),
                FaultyCanary = FaultyCanaryFailures,
                Other = OtherFailures,
                Codes = Records.Where(r => r.Failed).GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            },
            Releases = Releases.Select(o => new
            {
                o.Release.ReleaseId,
                o.Release.ModelVersion,
                Slot = ReleaseText.Slot(o.Release.CanarySlot),
                Phase = ReleaseText.Phase(o.Release.Phase).Replace(' ', '_'),
                FailedGate = o.FailedGate == GateKind.Unspecified ? null : ReleaseText.Gate(o.FailedGate),
                Reason = o.Release.OutcomeReason,
                Seconds = Math.Round(o.Seconds, 2),
                DetectionSeconds = o.DetectionSeconds is { } d ? Math.Round(d, 2) : (double?)null,
                o.Requests,
                o.CanaryRequests,
                o.CanaryFailures,
                Exposure = Math.Round(o.Exposure, 4),
            }),
            TimeToRollbackSeconds = Releases.FirstOrDefault(o => o.Release.Phase == ReleasePhase.RolledBack)?.Seconds is { } t ? Math.Round(t, 2) : (double?)null,
            DataDirectory,
            ControllerDb = Path.Join(DataDirectory, "release-controller.db"),
            LogFile,
            ControllerGrpc = ControllerGrpc.ToString().TrimEnd('/'),
            ControllerRest = ControllerHttp,
            GatewayMetrics = GatewayHttp + "/metrics",
        };
        return JsonSerializer.Serialize(summary, JsonOptions);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

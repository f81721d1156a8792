using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Cli.Demo;

/// <summary>
/// What one release did to users, from the release as the controller ended it and the requests the synthetic users
/// sent meanwhile.
/// </summary>
/// <param name="Release">The release as it ended.</param>
/// <param name="Requests">Requests sent from the release's start to its end.</param>
/// <param name="CanaryRequests">Of those, the ones the canary version served.</param>
/// <param name="CanaryFailures">Canary requests that failed.</param>
/// <param name="Seconds">From the release's start to its end.</param>
/// <param name="DetectionSeconds">For a rollback: from the first canary traffic to the rollback; null otherwise.</param>
internal sealed record ReleaseOutcome(Release Release, int Requests, int CanaryRequests, int CanaryFailures, double Seconds, double? DetectionSeconds)
{
    /// <summary>The share of all requests during the release that the canary served.</summary>
    public double Exposure => Requests == 0 ? 0 : CanaryRequests / (double)Requests;

    /// <summary>The gate whose failure rolled the release back, if one did.</summary>
    public GateKind FailedGate => Release.Transitions.LastOrDefault(t => t.ToPhase == ReleasePhase.RolledBack)?.FailedGate ?? GateKind.Unspecified;

    public static ReleaseOutcome Of(Release release, IReadOnlyList<TrafficRecord> records)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(records);
        var start = release.CreateTime.ToDateTimeOffset();
        var end = release.EndTime?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue;
        var during = records.Where(r => r.Start >= start && r.Start <= end).ToList();
        var canary = records.Where(r => r.Track == "canary" && r.ModelVersion == release.ModelVersion && r.Start >= start && r.Start <= end).ToList();
        double? detection = null;
        if (release.Phase == ReleasePhase.RolledBack
            && release.Transitions.FirstOrDefault(t => t.ToWeightBps > 0) is { } firstTraffic
            && release.Transitions.LastOrDefault(t => t.ToPhase == ReleasePhase.RolledBack) is { } rollback)
        {
            detection = (rollback.Time.ToDateTimeOffset() - firstTraffic.Time.ToDateTimeOffset()).TotalSeconds;
        }

        return new ReleaseOutcome(
            release,
            during.Count,
            canary.Count,
            canary.Count(r => r.Failed),
            release.EndTime is null ? 0 : (end - start).TotalSeconds,
            detection);
    }
}

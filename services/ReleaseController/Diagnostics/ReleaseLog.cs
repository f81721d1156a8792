using Microsoft.Extensions.Logging;

namespace VoiceFleet.ReleaseController.Diagnostics;

/// <summary>The controller's log messages, with fixed event ids.</summary>
internal static partial class ReleaseLog
{
    [LoggerMessage(1, LogLevel.Information, "Release store: {Store}; routing revision {Revision}, stable {StableSlot}, canary {CanarySlot} at {WeightBps} bps.")]
    public static partial void Loaded(ILogger logger, string store, long revision, string stableSlot, string canarySlot, int weightBps);

    [LoggerMessage(2, LogLevel.Information, "Release {ReleaseId}: {FromPhase} → {ToPhase}, weight {FromWeight} → {ToWeight} bps, by {Actor}: {Reason}")]
    public static partial void Transition(ILogger logger, string releaseId, string fromPhase, string toPhase, int fromWeight, int toWeight, string actor, string reason);

    [LoggerMessage(3, LogLevel.Information, "Release {ReleaseId}: window of step {Step} analysed: {Verdict}.")]
    public static partial void Analysed(ILogger logger, string releaseId, int step, string verdict);

    [LoggerMessage(4, LogLevel.Information, "Release {ReleaseId}: pre-rollout regression {RunId}: {Verdict} ({Items} items, artifacts in {ArtifactDir}).")]
    public static partial void Regression(ILogger logger, string releaseId, string runId, string verdict, int items, string artifactDir);

    [LoggerMessage(5, LogLevel.Warning, "Release {ReleaseId}: the pre-rollout regression failed to run.")]
    public static partial void RegressionCrashed(ILogger logger, Exception exception, string releaseId);

    [LoggerMessage(6, LogLevel.Warning, "Release {ReleaseId}: the window's analysis failed to run; it is retried next window.")]
    public static partial void AnalysisCrashed(ILogger logger, Exception exception, string releaseId);

    [LoggerMessage(7, LogLevel.Warning, "Release engine: a step failed; retrying.")]
    public static partial void EngineError(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Leadership: {Role}.")]
    public static partial void Leadership(ILogger logger, string role);

    [LoggerMessage(9, LogLevel.Information, "Routing revision {Revision}: stable {StableSlot}, canary {CanarySlot} at {WeightBps} bps.")]
    public static partial void Routed(ILogger logger, long revision, string stableSlot, string canarySlot, int weightBps);

    [LoggerMessage(10, LogLevel.Information, "Gateway {GatewayId} watches routing (known revision {KnownRevision}).")]
    public static partial void RoutingWatcher(ILogger logger, string gatewayId, long knownRevision);

    [LoggerMessage(11, LogLevel.Warning, "Release {ReleaseId}: {Event} webhook {Url}, attempt {Attempt} of {Attempts}: {Failure}")]
    public static partial void WebhookAttemptFailed(ILogger logger, string releaseId, string @event, string url, int attempt, int attempts, string failure);
}

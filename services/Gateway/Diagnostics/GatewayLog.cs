using Microsoft.Extensions.Logging;

namespace VoiceFleet.Gateway.Diagnostics;

/// <summary>The gateway's log events, with fixed ids. Nothing here runs per request on the success path.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Routing revision {Revision} in force: stable {Stable}, canary {Canary} at {WeightBps} bps (release '{ReleaseId}').")]
    public static partial void RoutingApplied(ILogger logger, long revision, string stable, string canary, int weightBps, string releaseId);

    [LoggerMessage(2, LogLevel.Warning, "Routing restored from the state file: revision {Revision}, stable {Stable}, canary {Canary} at {WeightBps} bps; it stays in force until the controller answers.")]
    public static partial void RoutingRestored(ILogger logger, long revision, string stable, string canary, int weightBps);

    [LoggerMessage(3, LogLevel.Information, "No routing seen yet: everything goes to the stable slot (blue) until the controller answers.")]
    public static partial void RoutingDefault(ILogger logger);

    [LoggerMessage(4, LogLevel.Warning, "Routing watch failed ({Code}: {Detail}); the last routing stays in force, retrying in about {Delay}.")]
    public static partial void RoutingWatchFailed(ILogger logger, string code, string detail, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Information, "Routing watch ended by the controller; reconnecting.")]
    public static partial void RoutingWatchEnded(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "Routing revision went back from {Previous} to {Revision}; the controller's word is taken.")]
    public static partial void RoutingRevisionWentBack(ILogger logger, long previous, long revision);

    [LoggerMessage(7, LogLevel.Warning, "Routing state file {Path} could not be read; starting from all-stable.")]
    public static partial void RoutingStateUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Routing state could not be saved to {Path}.")]
    public static partial void RoutingStateNotSaved(ILogger logger, string path, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "{Count} API keys loaded (keys file: {Path}).")]
    public static partial void KeysLoaded(ILogger logger, int count, string path);

    [LoggerMessage(11, LogLevel.Warning, "Keys file {Path} does not exist yet; only keys from configuration are accepted.")]
    public static partial void KeysFileMissing(ILogger logger, string path);

    [LoggerMessage(12, LogLevel.Error, "Keys file {Path} could not be read; the keys loaded before stay in force.")]
    public static partial void KeysFileUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "An API key from {Source} was ignored: {Problem}")]
    public static partial void KeyRejected(ILogger logger, string source, string problem);

    [LoggerMessage(20, LogLevel.Warning, "Synthesis slot {Slot} is unhealthy ({Reason}): its canary share goes to stable until a health check passes.")]
    public static partial void SlotUnhealthy(ILogger logger, string slot, string reason);

    [LoggerMessage(21, LogLevel.Information, "Synthesis slot {Slot} is healthy again.")]
    public static partial void SlotHealthy(ILogger logger, string slot);

    [LoggerMessage(22, LogLevel.Warning, "Canary slot {Slot} could not be reached ({Error}); retrying the request on stable slot {Stable}.")]
    public static partial void RetryingOnStable(ILogger logger, string slot, string error, string stable);

    [LoggerMessage(23, LogLevel.Warning, "Proxying {Path} to {Destination} failed: {Error}.")]
    public static partial void ProxyFailed(ILogger logger, string path, string destination, string error, Exception? exception);

    [LoggerMessage(24, LogLevel.Warning, "Auth is disabled (Gateway:Auth:Enabled=false): every request acts with every role.")]
    public static partial void AuthDisabled(ILogger logger);
}

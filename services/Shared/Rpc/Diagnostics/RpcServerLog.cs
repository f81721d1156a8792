using Microsoft.Extensions.Logging;

namespace VoiceFleet.Rpc.Diagnostics;

/// <summary>Log messages of the gRPC server, with fixed event ids.</summary>
internal static partial class RpcServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Handler of {Method} threw an exception.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(3, LogLevel.Debug, "Completing {Method} after its deadline failed.")]
    public static partial void DeadlineCompletionFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "No method is bound at {Path}; answered UNIMPLEMENTED.")]
    public static partial void Unimplemented(ILogger logger, string path);
}

using VoiceFleet.Rpc;

namespace VoiceFleet.Encoders.Diagnostics;

/// <summary>The status errors of the Encoders service; REST maps the same exceptions to HTTP codes.</summary>
internal static class Errors
{
    public static RpcException InvalidArgument(string field, string message) =>
        new(StatusCode.InvalidArgument, string.IsNullOrEmpty(field) ? message : $"{field}: {message}");

    public static RpcException NotFound(string message) => new(StatusCode.NotFound, message);

    public static RpcException FailedPrecondition(string message) => new(StatusCode.FailedPrecondition, message);

    public static RpcException ResourceExhausted(string message) => new(StatusCode.ResourceExhausted, message);
}

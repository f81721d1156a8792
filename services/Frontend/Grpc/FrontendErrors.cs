using VoiceFleet.Frontend.Diagnostics;
using VoiceFleet.Rpc;
using VoiceFleet.Text;
using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Lexicons;

namespace VoiceFleet.Frontend.Grpc;

/// <summary>Turns what the frontend throws into gRPC statuses, so no exception escapes a call unmapped.</summary>
internal static class FrontendErrors
{
    /// <summary>Runs <paramref name="handler"/>; library exceptions become their status, anything unexpected INTERNAL (logged).</summary>
    public static async Task<T> GuardAsync<T>(string method, ILogger logger, Func<Task<T>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not RpcException)
        {
            throw ToRpc(ex, method, logger);
        }
    }

    /// <summary>The status for an exception.</summary>
    public static RpcException ToRpc(Exception exception, string method, ILogger logger)
    {
        switch (exception)
        {
            case RpcException rpc:
                return rpc;
            case TextInputException input:
                return new RpcException(StatusCode.InvalidArgument, input.Message);
            case LexiconNotFoundException missing:
                return new RpcException(StatusCode.NotFound, "lexicon: " + missing.Message);
            case LexiconReadOnlyException readOnly:
                return new RpcException(StatusCode.FailedPrecondition, "lexicon: " + readOnly.Message);
            case LexiconFullException full:
                return new RpcException(StatusCode.ResourceExhausted, "lexicon: " + full.Message);
            case EspeakBusyException busy:
                return new RpcException(StatusCode.ResourceExhausted, busy.Message);
            default:
                FrontendLog.Unexpected(logger, exception, method);
                return new RpcException(StatusCode.Internal, "internal error in the text frontend; the service logged the details");
        }
    }
}

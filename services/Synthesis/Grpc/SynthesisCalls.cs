using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Pipeline;

namespace VoiceFleet.Synthesis.Grpc;

/// <summary>
/// What gRPC and REST calls share around the pipeline: the request context from headers (track chosen by the gateway,
/// request id, deadline), the response headers naming the model version and slot, the outcome metrics, and the
/// translation of failures into statuses that never leak internals.
/// </summary>
internal sealed class SynthesisCalls(Microsoft.Extensions.Options.IOptions<SynthesisOptions> options, SynthesisMetrics metrics, TimeProvider time, ILogger<SynthesisCalls> logger)
{
    /// <summary>The header the gateway sets to the track it chose.</summary>
    public const string TrackHeader = "x-voicefleet-track";

    /// <summary>The response header naming the model version that served the request.</summary>
    public const string ModelVersionHeader = "x-voicefleet-model-version";

    /// <summary>The response header naming the slot that served the request.</summary>
    public const string SlotHeader = "x-voicefleet-slot";

    /// <summary>The request id header (set by the gateway or the client).</summary>
    public const string RequestIdHeader = "x-request-id";

    private readonly SynthesisOptions settings = options.Value;

    public RequestContext CreateContext(string? track, string? requestId, DateTime deadline, bool strict) => new(
        settings.ModelReference,
        settings.ModelVersion,
        track is "stable" or "canary" ? track : "direct",
        string.IsNullOrWhiteSpace(requestId) || requestId.Length > 128 ? Guid.NewGuid().ToString("N") : requestId,
        deadline == DateTime.MaxValue ? time.GetUtcNow().UtcDateTime + settings.DefaultDeadline : deadline,
        strict || settings.Strict,
        time.GetTimestamp());

    public RequestContext CreateContext(ServerCallContext call, bool strict) =>
        CreateContext(call.RequestHeaders.GetValue(TrackHeader), call.RequestHeaders.GetValue(RequestIdHeader), call.Deadline, strict);

    public IEnumerable<KeyValuePair<string, string>> ResponseHeaders()
    {
        yield return new(ModelVersionHeader, settings.ModelVersion);
        yield return new(SlotHeader, settings.Slot);
    }

    /// <summary>A token cancelled by the caller or at the request's deadline.</summary>
    public CancellationTokenSource Budget(RequestContext context, CancellationToken callCancelled)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(callCancelled);
        var remaining = context.Deadline - time.GetUtcNow().UtcDateTime;
        source.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        return source;
    }

    /// <summary>Runs <paramref name="work"/>, recording the outcome and turning failures into statuses.</summary>
    public async Task<T> RunAsync<T>(RequestContext context, Func<Task<T>> work, Func<T, OutputSummary> summary, CancellationToken token)
    {
        try
        {
            var result = await work().ConfigureAwait(false);
            metrics.Completed(context.Track, "OK", time.GetElapsedTime(context.StartTimestamp), summary(result));
            return result;
        }
        catch (Exception ex)
        {
            var error = ToRpc(ex, context, token);
            metrics.Completed(context.Track, error.StatusCode.CanonicalName(), time.GetElapsedTime(context.StartTimestamp), null);
            if (ReferenceEquals(error, ex))
            {
                throw;
            }

            throw error;
        }
    }

    private RpcException ToRpc(Exception ex, RequestContext context, CancellationToken token)
    {
        switch (ex)
        {
            case RpcException rpc:
                return rpc;
            case OperationCanceledException when time.GetUtcNow().UtcDateTime >= context.Deadline:
                return new RpcException(StatusCode.DeadlineExceeded, "the request's deadline passed before synthesis finished");
            case OperationCanceledException when token.IsCancellationRequested:
                return new RpcException(StatusCode.Cancelled, "the request was cancelled");
            default:
                SynthesisLog.RequestFailed(logger, context.RequestId, ex);
                return new RpcException(StatusCode.Internal, $"synthesis failed in {context.ModelReference} (request {context.RequestId}); the error is in the service's log");
        }
    }
}

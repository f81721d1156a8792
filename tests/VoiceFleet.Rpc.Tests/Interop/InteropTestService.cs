using Google.Protobuf;
using Grpc.Health.V1;
using Grpc.Testing;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Rpc.Tests.Interop;

/// <summary>
/// VoiceFleet's <c>grpc.testing.TestService</c>, as the interop test descriptions
/// (grpc/grpc doc/interop-test-descriptions.md) and tests/interop/server.py define it:
/// payloads of the requested sizes, the Echo Status and Echo Metadata features, response intervals.
/// <c>UnimplementedCall</c> is deliberately left to the base class (UNIMPLEMENTED).
/// </summary>
internal sealed class InteropTestService : TestServiceBase
{
    /// <summary>Request key echoed back as response headers (initial metadata).</summary>
    public const string EchoInitialKey = "x-grpc-test-echo-initial";

    /// <summary>Request key (binary) echoed back as a trailer.</summary>
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public override async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        return new Empty();
    }

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        return new SimpleResponse { Payload = NewPayload(request.ResponseSize) };
    }

    public override async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        await RespondAsync(request, responseStream, context.CancellationToken);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var total = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            total += request.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            await RespondAsync(request, responseStream, context.CancellationToken);
        }
    }

    public override async Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var requests = new List<StreamingOutputCallRequest>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            requests.Add(request);
        }

        foreach (var request in requests)
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            await RespondAsync(request, responseStream, context.CancellationToken);
        }
    }

    /// <summary>A COMPRESSABLE payload of <paramref name="size"/> zero bytes.</summary>
    internal static Payload NewPayload(int size) => new()
    {
        Type = PayloadType.Compressable,
        Body = size == 0 ? ByteString.Empty : ByteString.CopyFrom(new byte[size]),
    };

    /// <summary>Echo Metadata: the initial key comes back as response headers, the -bin key as a trailer.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var received = context.RequestHeaders;
        if (received.Get(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(trailing);
        }

        if (received.Get(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { initial });
        }
    }

    /// <summary>Echo Status: ends the call with the requested status when its code is not OK.</summary>
    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is null || status.Code == 0)
        {
            return;
        }

        if (!Enum.IsDefined((StatusCode)status.Code))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"cannot echo unknown status code {status.Code}");
        }

        throw new RpcException(new Status((StatusCode)status.Code, status.Message));
    }

    /// <summary>One response per ResponseParameters, each after its interval.</summary>
    private static async Task RespondAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, CancellationToken cancellationToken)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), cancellationToken);
            }

            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = NewPayload(parameters.Size) }, cancellationToken);
        }
    }
}

/// <summary>
/// A minimal <c>grpc.health.v1.Health</c> for the interop server (the production one in VoiceFleet.Hosting
/// is internal): the whole server and <c>grpc.testing.TestService</c> are SERVING, anything else is unknown.
/// </summary>
internal sealed class InteropHealthService : HealthServiceBase
{
    private static readonly HashSet<string> HealthyServices = new(StringComparer.Ordinal) { string.Empty, TestServiceContract.ServiceName };

    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!HealthyServices.Contains(request.Service))
        {
            throw new RpcException(StatusCode.NotFound, $"unknown service '{request.Service}'");
        }

        return Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var status = HealthyServices.Contains(request.Service)
            ? HealthCheckResponse.Types.ServingStatus.Serving
            : HealthCheckResponse.Types.ServingStatus.ServiceUnknown;
        await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);

        // Statuses never change here: hold the stream open until the caller goes away or the deadline passes.
        await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
    }
}

using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Testing;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Rpc.Tests.Transport;

/// <summary>
/// A service for transport tests, bound by hand. Its behaviour is chosen by the request
/// (<c>response_status</c>, sizes) or by the <c>x-test-behavior</c> request header.
/// </summary>
internal sealed class TestService : IGrpcService
{
    public const string ServiceName = "voicefleet.test.TestService";

    public static readonly Method<SimpleRequest, SimpleResponse> Unary =
        new(MethodType.Unary, ServiceName, "Unary", SimpleRequest.Parser, SimpleResponse.Parser);

    public static readonly Method<SimpleRequest, SimpleResponse> IdempotentUnary =
        new(MethodType.Unary, ServiceName, "IdempotentUnary", SimpleRequest.Parser, SimpleResponse.Parser, idempotent: true);

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> ServerStream =
        new(MethodType.ServerStreaming, ServiceName, "ServerStream", StreamingOutputCallRequest.Parser, StreamingOutputCallResponse.Parser);

    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> ClientStream =
        new(MethodType.ClientStreaming, ServiceName, "ClientStream", StreamingInputCallRequest.Parser, StreamingInputCallResponse.Parser);

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> Duplex =
        new(MethodType.DuplexStreaming, ServiceName, "Duplex", StreamingOutputCallRequest.Parser, StreamingOutputCallResponse.Parser);

    /// <summary>A method the client knows but the server does not bind.</summary>
    public static readonly Method<SimpleRequest, SimpleResponse> NotBound =
        new(MethodType.Unary, ServiceName, "NotBound", SimpleRequest.Parser, SimpleResponse.Parser);

    private readonly ConcurrentDictionary<string, int> _attempts = new();

    /// <summary>Set when a handler observed its cancellation token fire.</summary>
    public TaskCompletionSource<string> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The last request headers seen, for assertions.</summary>
    public Metadata? LastHeaders { get; private set; }

    /// <summary>The remaining time the last call saw.</summary>
    public TimeSpan? LastRemaining { get; private set; }

    public string? LastTraceParent { get; private set; }

    public ServiceDefinition BindService() => ServiceDefinition.CreateBuilder(ServiceName)
        .AddMethod(Unary, (UnaryServerMethod<SimpleRequest, SimpleResponse>)UnaryAsync)
        .AddMethod(IdempotentUnary, (UnaryServerMethod<SimpleRequest, SimpleResponse>)IdempotentUnaryAsync)
        .AddMethod(ServerStream, (ServerStreamingServerMethod<StreamingOutputCallRequest, StreamingOutputCallResponse>)ServerStreamAsync)
        .AddMethod(ClientStream, (ClientStreamingServerMethod<StreamingInputCallRequest, StreamingInputCallResponse>)ClientStreamAsync)
        .AddMethod(Duplex, (DuplexStreamingServerMethod<StreamingOutputCallRequest, StreamingOutputCallResponse>)DuplexAsync)
        .Build();

    private async Task<SimpleResponse> UnaryAsync(SimpleRequest request, ServerCallContext context)
    {
        LastHeaders = context.RequestHeaders;
        LastRemaining = context.RemainingTime;
        LastTraceParent = context.HttpContext.Request.Headers["traceparent"].ToString();
        switch (context.RequestHeaders.GetValue("x-test-behavior"))
        {
            case "throw":
                throw new InvalidOperationException("secret internal detail");
            case "sleep":
                await SleepUntilCancelledAsync(context);
                break;
            case "ignore-deadline":
                // A handler that never looks at its token must still not keep the caller waiting.
                await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
                break;
            case "echo-metadata":
                var initial = new Metadata();
                foreach (var entry in context.RequestHeaders)
                {
                    initial.Add(entry);
                }

                await context.WriteResponseHeadersAsync(initial);
                foreach (var entry in context.RequestHeaders)
                {
                    context.ResponseTrailers.Add(entry);
                }

                break;
            case "status-after-message":
                context.Status = new Status(StatusCode.DataLoss, "lost after the message");
                break;
        }

        ThrowIfStatusRequested(request.ResponseStatus, context);
        return new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } };
    }

    private Task<SimpleResponse> IdempotentUnaryAsync(SimpleRequest request, ServerCallContext context)
    {
        // Fails UNAVAILABLE for the first response_size attempts of a key, then succeeds.
        var key = context.RequestHeaders.GetValue("x-attempt-key") ?? "default";
        var attempt = _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (attempt <= request.ResponseSize)
        {
            throw new RpcException(StatusCode.Unavailable, $"attempt {attempt} refused");
        }

        return Task.FromResult(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFromUtf8($"attempt {attempt}") } });
    }

    private async Task ServerStreamAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> stream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            await stream.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[parameters.Size]) } });
        }

        if (context.RequestHeaders.GetValue("x-test-behavior") == "sleep")
        {
            await SleepUntilCancelledAsync(context);
        }

        ThrowIfStatusRequested(request.ResponseStatus, context);
    }

    private static async Task<StreamingInputCallResponse> ClientStreamAsync(IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        var total = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            total += request.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    private async Task DuplexAsync(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        try
        {
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                ThrowIfStatusRequested(request.ResponseStatus, context);
                foreach (var parameters in request.ResponseParameters)
                {
                    await responses.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[parameters.Size]) } });
                }
            }
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult("duplex");
            throw;
        }
    }

    private async Task SleepUntilCancelledAsync(ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult(context.Method.Name);
            throw;
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status, ServerCallContext context)
    {
        if (status is { Code: not 0 })
        {
            context.ResponseTrailers.Add("x-echo-trailer", "present");
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }
}

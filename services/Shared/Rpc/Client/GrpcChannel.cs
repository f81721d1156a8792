using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Polly;
using Polly.Retry;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.Rpc.Client;

/// <summary>
/// A connection pool to one gRPC server over HTTP/2 (h2c prior knowledge for <c>http://</c>), and the
/// place calls start from. Thread-safe; create one per server and reuse it.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    /// <summary>The method of the call being retried, for the retry metric.</summary>
    internal static readonly ResiliencePropertyKey<IMethod> MethodKey = new("voicefleet.grpc.method");

    /// <summary>The call's deadline (UTC), so backoff never waits past it.</summary>
    internal static readonly ResiliencePropertyKey<DateTime> DeadlineKey = new("voicefleet.grpc.deadline");

    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);
    private readonly bool _disposeInvoker;
    private readonly ResiliencePipeline _retryPipeline;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        Metrics = options.Metrics ?? RpcMetrics.Standalone;
        var handler = options.HttpHandler ?? CreateDefaultHandler();
        Invoker = new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null || options.DisposeHttpHandler);
        _disposeInvoker = true;
        _retryPipeline = CreateRetryPipeline(options);
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal RpcMetrics Metrics { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>Creates a channel to <paramref name="address"/> (for example <c>http://127.0.0.1:5001</c>).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return ForAddress(new Uri(address, UriKind.Absolute), options);
    }

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must use http (h2c) or https.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        options.Retry.Validate();
        if (options.MaxReceiveMessageSize <= 0 || options.MaxSendMessageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Message size limits must be positive.");
        }

        return new GrpcChannel(address, options);
    }

    /// <summary>Starts a unary call. UNAVAILABLE is retried when the call is idempotent.</summary>
    public AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        if ((options.Idempotent ?? method.IsIdempotent) && Options.Retry.MaxAttempts > 1)
        {
            return StartWithRetries(method, request, options);
        }

        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call.GetResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Starts a server-streaming call.</summary>
    public AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(call, call.CreateResponseReader());
    }

    /// <summary>Starts a client-streaming call.</summary>
    public AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(null);
        return new AsyncClientStreamingCall<TRequest, TResponse>(call, call.CreateRequestWriter(), call.ReadSingleResponseAsync());
    }

    /// <summary>Starts a bidirectional-streaming call.</summary>
    public AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(null);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call, call.CreateRequestWriter(), call.CreateResponseReader());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposeInvoker)
        {
            Invoker.Dispose();
        }
    }

    internal Uri MethodUri(IMethod method) =>
        _methodUris.GetOrAdd(method.FullName, static (path, baseUri) => new Uri(baseUri, path), Address);

    private AsyncUnaryCall<TResponse> StartWithRetries<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var retry = new RetryingUnaryCall<TRequest, TResponse>(this, method, request, options);
        var responseTask = retry.RunAsync(_retryPipeline);
        return new AsyncUnaryCall<TResponse>(responseTask, retry.GetResponseHeadersAsync, retry.GetStatus, retry.GetTrailers, retry.Dispose);
    }

    private ResiliencePipeline CreateRetryPipeline(GrpcChannelOptions options)
    {
        var retry = options.Retry;
        if (retry.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is RpcException { StatusCode: StatusCode.Unavailable }),
                MaxRetryAttempts = retry.MaxAttempts - 1,

                // Exponential backoff with jitter, never past the call's deadline (an attempt then fails at once with DEADLINE_EXCEEDED).
                DelayGenerator = args =>
                {
                    var exponential = retry.InitialBackoff * Math.Pow(2, args.AttemptNumber);
                    var capped = exponential < retry.MaxBackoff ? exponential : retry.MaxBackoff;
                    var delay = capped * (0.5 + (Random.Shared.NextDouble() / 2));
                    if (args.Context.Properties.TryGetValue(DeadlineKey, out var deadline))
                    {
                        var left = deadline - options.TimeProvider.GetUtcNow().UtcDateTime;
                        delay = left < delay ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : delay;
                    }

                    return ValueTask.FromResult<TimeSpan?>(delay);
                },
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(MethodKey, out var method))
                    {
                        Metrics.ClientRetry(Metrics.LabelFor(method));
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Several HTTP/2 connections once one's stream limit is reached, instead of queueing calls.
        EnableMultipleHttp2Connections = true,

        // Audio responses run to megabytes: start with a 1 MiB window rather than 64 KiB, so a response does not
        // wait on window updates while the dynamic window grows.
        InitialHttp2StreamWindowSize = 1024 * 1024,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,

        // The call writes traceparent itself, from its own span or the ambient one.
        ActivityHeadersPropagator = null,
    };
}

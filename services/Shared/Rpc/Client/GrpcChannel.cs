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
    private static readonly ResiliencePropertyKey<IMethod> MethodKey = new("voicefleet.grpc.method");

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
        // One deadline for all attempts together; each attempt gets what is left of it.
        var deadline = options.Deadline ?? (Options.DefaultTimeout is { } t ? Options.TimeProvider.GetUtcNow().UtcDateTime + t : null);
        var attemptOptions = options with { Deadline = deadline };
        ClientCall<TRequest, TResponse>? current = null;
        var disposed = false;

        async Task<TResponse> RunAsync()
        {
            var context = ResilienceContextPool.Shared.Get(options.CancellationToken);
            context.Properties.Set(MethodKey, method);
            try
            {
                return await _retryPipeline.ExecuteAsync(
                    static async (ctx, state) =>
                    {
                        var (channel, m, req, opts, setCurrent) = state;
                        var call = new ClientCall<TRequest, TResponse>(channel, m, opts);
                        setCurrent(call);
                        call.Start(req);
                        return await call.ReadSingleResponseAsync().ConfigureAwait(false);
                    },
                    context,
                    (this, method, request, attemptOptions, (Action<ClientCall<TRequest, TResponse>>)(c =>
                    {
                        var previous = Interlocked.Exchange(ref current, c);
                        previous?.Dispose();
                        if (Volatile.Read(ref disposed))
                        {
                            c.Dispose();
                        }
                    }))).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (options.CancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.Cancelled, "Call cancelled by the client."), Metadata.Empty, ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        var responseTask = RunAsync();
        return new AsyncUnaryCall<TResponse>(
            responseTask,
            async () =>
            {
                try
                {
                    await responseTask.ConfigureAwait(false);
                }
                catch (RpcException)
                {
                    // The headers of the last attempt are still wanted.
                }

                return await Volatile.Read(ref current)!.GetResponseHeadersAsync().ConfigureAwait(false);
            },
            () => Volatile.Read(ref current)?.GetStatus() ?? throw new InvalidOperationException("The call has not started yet."),
            () => Volatile.Read(ref current)?.GetTrailers() ?? throw new InvalidOperationException("The call has not started yet."),
            () =>
            {
                Volatile.Write(ref disposed, true);
                Volatile.Read(ref current)?.Dispose();
            });
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
                Delay = retry.InitialBackoff,
                MaxDelay = retry.MaxBackoff,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
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

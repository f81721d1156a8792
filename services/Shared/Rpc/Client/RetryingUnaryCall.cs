using Google.Protobuf;
using Polly;

namespace VoiceFleet.Rpc.Client;

/// <summary>
/// A unary call retried on UNAVAILABLE: one deadline for all attempts, each attempt a fresh
/// <see cref="ClientCall{TRequest, TResponse}"/>. Disposing it cancels the attempt running and any backoff.
/// </summary>
internal sealed class RetryingUnaryCall<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly TRequest _request;
    private readonly CallOptions _attemptOptions;
    private readonly CancellationToken _callerToken;

    // Never disposed: it holds no timer, and attempts may read its token after the call is over.
    private readonly CancellationTokenSource _cts;
    private readonly Lock _gate = new();
    private ClientCall<TRequest, TResponse>? _current;
    private bool _disposed;

    public RetryingUnaryCall(GrpcChannel channel, Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _request = request;
        _callerToken = options.CancellationToken;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        var deadline = options.Deadline ?? (channel.Options.DefaultTimeout is { } t && t < Protocol.GrpcTimeout.MaxTimerDuration
            ? channel.Options.TimeProvider.GetUtcNow().UtcDateTime + t
            : null);
        _attemptOptions = options with { Deadline = deadline, CancellationToken = _cts.Token };
    }

    public async Task<TResponse> RunAsync(ResiliencePipeline pipeline)
    {
        var context = ResilienceContextPool.Shared.Get(_cts.Token);
        context.Properties.Set(GrpcChannel.MethodKey, _method);
        if (_attemptOptions.Deadline is { } deadline)
        {
            context.Properties.Set(GrpcChannel.DeadlineKey, deadline);
        }

        try
        {
            return await pipeline.ExecuteAsync(static (_, self) => self.AttemptAsync(), context, this).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_cts.IsCancellationRequested)
        {
            // Cancelled by the caller's token or by Dispose during a backoff.
            throw new RpcException(new Status(StatusCode.Cancelled, "Call cancelled by the client."), Metadata.Empty, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public async Task<Metadata> GetResponseHeadersAsync()
    {
        var attempt = Volatile.Read(ref _current) ?? throw new InvalidOperationException("No attempt of the call has started.");
        return await attempt.GetResponseHeadersAsync().ConfigureAwait(false);
    }

    public Status GetStatus() => (Volatile.Read(ref _current) ?? throw new InvalidOperationException("No attempt of the call has started.")).GetStatus();

    public Metadata GetTrailers() => (Volatile.Read(ref _current) ?? throw new InvalidOperationException("No attempt of the call has started.")).GetTrailers();

    public void Dispose()
    {
        ClientCall<TRequest, TResponse>? current;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            current = _current;
        }

        _cts.Cancel();
        current?.Dispose();
    }

    private async ValueTask<TResponse> AttemptAsync()
    {
        var call = new ClientCall<TRequest, TResponse>(_channel, _method, _attemptOptions);
        call.Start(_request);
        ClientCall<TRequest, TResponse>? previous;
        bool disposed;
        lock (_gate)
        {
            previous = _current;
            _current = call;
            disposed = _disposed;
        }

        previous?.Dispose();
        if (disposed)
        {
            call.Dispose();
        }

        try
        {
            return await call.ReadSingleResponseAsync().ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && !_callerToken.IsCancellationRequested && _cts.IsCancellationRequested)
        {
            // Disposed, not cancelled by the caller's token: still reported as CANCELLED, and not retried.
            throw new OperationCanceledException("The call was disposed.", ex, _cts.Token);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using VoiceFleet.Rpc.Diagnostics;
using VoiceFleet.Rpc.Protocol;

namespace VoiceFleet.Rpc.Server;

/// <summary>
/// One server-side call: its metadata, deadline and cancellation, and the status it ends with.
/// The transport writes the status itself when the handler returns or throws.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The semaphore never allocates a wait handle, and the deadline source is disposed when the call ends.")]
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;
    private readonly ServerCallHandlerOptions _options;
    private readonly long _startTimestamp;
    private readonly string _methodLabel;
    private readonly string? _requestEncoding;
    private readonly bool _compressResponses;

    // Serialises response writes against the deadline completing the call from a timer thread.
    // Only calls with a deadline can race that way, so only they pay for the semaphore.
    private readonly SemaphoreSlim? _writeLock;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly TimeSpan _timeout;
    private ITimer? _deadlineTimer;

    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Activity? _activity;
    private bool _headersSent;
    private bool _completed;
    private volatile bool _deadlineExceeded;

    internal ServerCallContext(HttpContext httpContext, IMethod method, string methodLabel, ServerCallHandlerOptions options)
    {
        _httpContext = httpContext;
        _options = options;
        _methodLabel = methodLabel;
        Method = method;
        _startTimestamp = Stopwatch.GetTimestamp();

        var headers = httpContext.Request.Headers;
        _requestEncoding = headers[GrpcProtocol.EncodingHeader].ToString() is { Length: > 0 } enc ? enc : null;
        _compressResponses = options.Server.ResponseCompressionAlgorithm is { } algorithm
            && headers[GrpcProtocol.AcceptEncodingHeader].ToString().Contains(algorithm, StringComparison.Ordinal);

        var timeoutHeader = headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var timeout))
            {
                throw new RpcException(StatusCode.InvalidArgument, $"Malformed grpc-timeout header '{timeoutHeader}'.");
            }

            if (timeout > GrpcTimeout.MaxTimerDuration)
            {
                // Longer than any timer can wait (about 49 days): as good as no deadline.
                timeoutHeader = string.Empty;
            }
            else
            {
                _timeout = timeout;
                Deadline = options.TimeProvider.GetUtcNow().UtcDateTime + timeout;
                _writeLock = new SemaphoreSlim(1, 1);
                _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
                CancellationToken = _deadlineCts.Token;
            }
        }

        if (timeoutHeader.Length == 0)
        {
            Deadline = DateTime.MaxValue;
            CancellationToken = httpContext.RequestAborted;
        }
    }

    /// <summary>The method being called.</summary>
    public IMethod Method { get; }

    /// <summary>The caller's address, e.g. <c>ipv4:127.0.0.1:50412</c>.</summary>
    public string Peer => _httpContext.Connection.RemoteIpAddress is { } ip
        ? string.Create(CultureInfo.InvariantCulture, $"{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6:[" + ip + "]" : "ipv4:" + ip)}:{_httpContext.Connection.RemotePort}")
        : "unknown";

    /// <summary>When the call expires (UTC), or <see cref="DateTime.MaxValue"/> when the caller set no deadline.</summary>
    public DateTime Deadline { get; }

    /// <summary>Cancelled when the caller cancels (RST_STREAM) or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The caller's custom metadata (protocol headers excluded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    /// <summary>Trailers sent with the status when the call ends.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>The status to end with when the handler returns normally; OK unless set.</summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>The underlying HTTP context, for transport-level needs (connection info, request services).</summary>
    public HttpContext HttpContext => _httpContext;

    /// <summary>The time left before the deadline, or null when there is none.</summary>
    public TimeSpan? RemainingTime => Deadline == DateTime.MaxValue
        ? null
        : Deadline - _options.TimeProvider.GetUtcNow().UtcDateTime;

    internal bool DeadlineExceeded => _deadlineExceeded;

    internal ServerCallHandlerOptions Options => _options;

    /// <summary>Sends response headers now, with <paramref name="headers"/>; at most once, before any message.</summary>
    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        await EnterWriteAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (_headersSent)
            {
                throw new InvalidOperationException("Response headers have already been sent.");
            }

            ThrowIfCompleted();
            var responseHeaders = _httpContext.Response.Headers;
            foreach (var entry in headers)
            {
                responseHeaders.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }

            PrepareResponseHeaders();
            await _httpContext.Response.StartAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    internal void Start()
    {
        _options.Metrics.ServerCallStarted(_methodLabel);
        _activity = RpcActivitySource.StartServer(Method);

        // Armed only now, so even an already expired deadline ends a call that has started.
        if (_deadlineCts is not null)
        {
            _deadlineTimer = _options.TimeProvider.CreateTimer(static state => _ = ((ServerCallContext)state!).OnDeadlineAsync(), this, _timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes one response message; without a deadline lock and without a flush this completes synchronously.</summary>
    internal Task WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_writeLock is null)
        {
            WriteMessageCore(message);
            return flush ? FlushAsync(cancellationToken) : Task.CompletedTask;
        }

        return WriteMessageLockedAsync(message, flush, cancellationToken);
    }

    internal ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var read = MessageFraming.ReadMessageAsync(
            _httpContext.Request.BodyReader,
            parser,
            _options.Server.MaxReceiveMessageSize,
            _requestEncoding,
            cancellationToken);
        return read.IsCompletedSuccessfully ? ValueTask.FromResult(OnReceived(read.Result)) : AwaitReceivedAsync(read);
    }

    /// <summary>Ends the call with <paramref name="status"/>, unless the deadline already ended it.</summary>
    internal Task EndAsync(Status status, Metadata? extraTrailers)
    {
        if (_writeLock is null)
        {
            // No deadline: nothing can race the end of the call, so it ends synchronously.
            EndCore(status, extraTrailers);
            return Task.CompletedTask;
        }

        return EndWithDeadlineAsync(status, extraTrailers);
    }

    private async Task EndWithDeadlineAsync(Status status, Metadata? extraTrailers)
    {
        if (_deadlineTimer is not null)
        {
            await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            EndCore(status, extraTrailers);
        }
        finally
        {
            _writeLock?.Release();
            _deadlineCts?.Dispose();
        }
    }

    private void EndCore(Status status, Metadata? extraTrailers)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_httpContext.RequestAborted.IsCancellationRequested)
        {
            // The stream was reset: nothing can reach the caller any more.
            Finish(Status.DefaultCancelled);
            return;
        }

        try
        {
            WriteStatus(status, extraTrailers);
        }
        finally
        {
            Finish(status);
        }
    }

    private void WriteMessageCore(IMessage message)
    {
        ThrowIfCompleted();
        if (!_headersSent)
        {
            PrepareResponseHeaders();
        }

        var size = MessageFraming.WriteMessage(_httpContext.Response.BodyWriter, message, _options.Server.MaxSendMessageSize, _compressResponses);
        _options.Metrics.ServerMessageSent(_methodLabel, size);
    }

    private async Task FlushAsync(CancellationToken cancellationToken) =>
        await _httpContext.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);

    private async Task WriteMessageLockedAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        await _writeLock!.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteMessageCore(message);
            if (flush)
            {
                await _httpContext.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask<T?> AwaitReceivedAsync<T>(ValueTask<ReceivedMessage<T>> read)
        where T : class, IMessage<T> => OnReceived(await read.ConfigureAwait(false));

    private T? OnReceived<T>(ReceivedMessage<T> received)
        where T : class
    {
        if (received.Message is not null)
        {
            _options.Metrics.ServerMessageReceived(_methodLabel, received.WireSize);
        }

        return received.Message;
    }

    /// <summary>Maps a handler failure to the status the caller sees.</summary>
    internal Status StatusFromException(Exception exception, out Metadata? trailers)
    {
        trailers = null;
        switch (exception)
        {
            case RpcException rpc:
                trailers = rpc.Trailers;
                return rpc.Status;
            case OperationCanceledException when _deadlineExceeded:
                return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            case OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException when _httpContext.RequestAborted.IsCancellationRequested:
                return new Status(StatusCode.Cancelled, "Call cancelled by the client.");
            default:
                RpcServerLog.HandlerFailed(_options.Logger, Method.FullName, exception);
                var detail = _options.Server.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.";
                return new Status(StatusCode.Unknown, detail);
        }
    }

    private async Task OnDeadlineAsync()
    {
        _deadlineExceeded = true;

        // Cancel first so a handler blocked in a write (flow control) lets go of the write lock.
        try
        {
            await _deadlineCts!.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        catch (AggregateException ex)
        {
            // A callback on the handler's token threw; the call must still end with its status.
            RpcServerLog.DeadlineCompletionFailed(_options.Logger, Method.FullName, ex);
        }

        await _writeLock!.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            var status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            try
            {
                WriteStatus(status, null);
            }
            finally
            {
                Finish(status);
            }

            // Complete now: a handler that ignores its token must not keep the caller waiting.
            await _httpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            RpcServerLog.DeadlineCompletionFailed(_options.Logger, Method.FullName, ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteStatus(Status status, Metadata? extraTrailers)
    {
        var response = _httpContext.Response;
        IHeaderDictionary target;
        if (!_headersSent && !response.HasStarted)
        {
            // Trailers-Only: the status travels in the one and only HEADERS frame.
            PrepareResponseHeaders();
            target = response.Headers;
            target[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        }
        else
        {
            target = _httpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                ?? throw new InvalidOperationException("The HTTP response does not support trailers; gRPC needs HTTP/2.");
        }

        target[GrpcProtocol.StatusHeader] = StatusCodeText(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }

        AppendMetadata(target, _responseTrailers);
        AppendMetadata(target, extraTrailers);
    }

    private void Finish(Status status)
    {
        var elapsed = Stopwatch.GetElapsedTime(_startTimestamp);
        _options.Metrics.ServerCallEnded(_methodLabel, status.StatusCode, elapsed);
        if (_activity is not null)
        {
            RpcActivitySource.Stop(_activity, status);
        }

        if (status.StatusCode != StatusCode.OK)
        {
            RpcServerLog.CallFailed(_options.Logger, Method.FullName, status.StatusCode, status.Detail);
        }
    }

    private void PrepareResponseHeaders()
    {
        var response = _httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        if (_compressResponses)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = _options.Server.ResponseCompressionAlgorithm;
        }

        _headersSent = true;
    }

    private ValueTask EnterWriteAsync(CancellationToken cancellationToken) =>
        _writeLock is null ? ValueTask.CompletedTask : new ValueTask(_writeLock.WaitAsync(cancellationToken));

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw _deadlineExceeded
                ? new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : new InvalidOperationException("The call has already completed.");
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var header in _httpContext.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }

            try
            {
                MetadataEncoding.AddHeader(metadata, header.Key, header.Value);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new RpcException(StatusCode.InvalidArgument, $"Invalid request metadata '{header.Key}': {ex.Message}");
            }
        }

        return metadata;
    }

    private static void AppendMetadata(IHeaderDictionary target, Metadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            target.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
        }
    }

    private static readonly string[] StatusCodeTexts = Enumerable.Range(0, 17).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string StatusCodeText(StatusCode code) =>
        (uint)code < (uint)StatusCodeTexts.Length ? StatusCodeTexts[(int)code] : ((int)code).ToString(CultureInfo.InvariantCulture);
}

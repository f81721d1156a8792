using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using VoiceFleet.Rpc.Diagnostics;
using VoiceFleet.Rpc.Protocol;

namespace VoiceFleet.Rpc.Client;

/// <summary>
/// One call on the client: sends the request over HTTP/2, reads response messages, and turns the
/// outcome (trailers, Trailers-Only, HTTP errors, resets, deadline, cancellation) into a status.
/// </summary>
/// <remarks>
/// The outcome is recorded once (<see cref="Complete"/>); the HTTP response and its reader are
/// released by whoever is last to touch them: <see cref="Complete"/> when no read is running,
/// otherwise the read as it leaves, so a reader is never pulled out from under a read.
/// </remarks>
internal sealed class ClientCall<TRequest, TResponse> : IClientCall
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly string _methodLabel;

    // Never disposed: it has no timer or wait handle, and late readers of its token must not throw.
    private readonly CancellationTokenSource _cts = new();
    private readonly Lock _gate = new();

    private CancellationTokenRegistration _userCancellation;
    private ITimer? _deadlineTimer;
    private volatile bool _deadlineExceeded;
    private long _startTimestamp;
    private Activity? _activity;
    private Task<HttpResponseMessage>? _sendTask;
    private Task<Metadata>? _headersTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private string? _responseEncoding;
    private StreamingRequestContent? _requestContent;
    private volatile bool _requestCompletedByCaller;
    private Outcome? _outcome;
    private bool _readInProgress;
    private bool _released;
    private bool _disposed;

    public ClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _methodLabel = channel.Metrics.LabelFor(method);
    }

    private GrpcChannelOptions ChannelOptions => _channel.Options;

    private Outcome? CurrentOutcome => Volatile.Read(ref _outcome);

    /// <summary>Starts the call; a null request means the requests are streamed through <see cref="CreateRequestWriter"/>.</summary>
    public void Start(TRequest? request)
    {
        // Serialised first: an oversized request fails here, before anything is counted or sent.
        var frame = request is null ? null : MessageFraming.ToFrame(request, ChannelOptions.MaxSendMessageSize, ChannelOptions.CompressRequests);
        var remaining = RemainingTime();

        _startTimestamp = _channel.Metrics.ClientCallStarted(_methodLabel);
        var callerActivity = Activity.Current;
        _activity = RpcActivitySource.StartClient(_method);
        try
        {
            if (_options.CancellationToken.CanBeCanceled)
            {
                _userCancellation = _options.CancellationToken.UnsafeRegister(static s => ((ClientCall<TRequest, TResponse>)s!).CancelTransport(), this);
            }

            HttpContent content;
            if (frame is not null)
            {
                _channel.Metrics.ClientMessageSent(_methodLabel, frame.Length - GrpcProtocol.HeaderSize);
                content = new ByteArrayContent(frame);
            }
            else
            {
                content = _requestContent = new StreamingRequestContent();
            }

            content.Headers.ContentType = GrpcContentType;
            if (remaining is { } expired && expired <= TimeSpan.Zero)
            {
                _deadlineExceeded = true;
                content.Dispose();
                _sendTask = Task.FromException<HttpResponseMessage>(new OperationCanceledException("The deadline had passed before the call started."));
                Complete(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null);
                return;
            }

            var message = CreateRequest(content, remaining);
            if (remaining is { } timeout)
            {
                _deadlineTimer = ChannelOptions.TimeProvider.CreateTimer(static s => ((ClientCall<TRequest, TResponse>)s!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
            }

            _sendTask = frame is null ? _channel.Invoker.SendAsync(message, _cts.Token) : SendFramedAsync(message, frame, remaining);
            if (_requestContent is not null)
            {
                // A request stream waits for HttpClient to start the body; if the send fails first, wake it.
                _sendTask.ContinueWith(
                    static (task, state) => ((StreamingRequestContent)state!).Fail(task.Exception!.GetBaseException()),
                    _requestContent,
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        finally
        {
            // The span belongs to the call, not to the code that started it.
            Activity.Current = callerActivity;
        }
    }

    public IClientStreamWriter<TRequest> CreateRequestWriter() => new RequestWriter(this);

    public IAsyncStreamReader<TResponse> CreateResponseReader() => new ResponseReader(this);

    public Task<Metadata> GetResponseHeadersAsync()
    {
        lock (_gate)
        {
            return _headersTask ??= ReadResponseHeadersAsync();
        }
    }

    public Status GetStatus() => CurrentOutcome?.Status ?? throw new InvalidOperationException("The call has not finished yet.");

    public Metadata GetTrailers() => CurrentOutcome?.Trailers ?? throw new InvalidOperationException("The call has not finished yet.");

    /// <summary>Reads the one response of a unary or client-streaming call, and the status after it.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var response = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
        if (response is null)
        {
            // The server said OK, but a call that needs a response did not get one: that is the caller's outcome.
            var status = new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message.");
            lock (_gate)
            {
                Volatile.Write(ref _outcome, new Outcome(status, _outcome?.Trailers ?? Metadata.Empty));
            }

            throw new RpcException(status);
        }

        if (await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            var status = new Status(StatusCode.Internal, "The server sent more than one response message to a call that takes one.");
            CancelTransport();
            Complete(status, null);
            throw new RpcException(status);
        }

        return response;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (CurrentOutcome is null)
        {
            // Still running: reset the stream so the server stops work on it.
            CancelTransport();
            Complete(new Status(StatusCode.Cancelled, "The call was disposed before it finished."), null);
        }
    }

    /// <summary>
    /// Sends a request whose message is already framed, and sends it once more on a fresh stream when the server
    /// turned the first away unprocessed: it refused the stream (REFUSED_STREAM) or closed the connection gracefully
    /// (GOAWAY, NO_ERROR) before answering, as a server does when it restarts between a channel's calls. The server's
    /// code never saw such a call, so it is retried whatever the retry policy says (gRPC's transparent retry), once.
    /// </summary>
    private async Task<HttpResponseMessage> SendFramedAsync(HttpRequestMessage message, byte[] frame, TimeSpan? remaining)
    {
        var started = ChannelOptions.TimeProvider.GetTimestamp();
        try
        {
            return await _channel.Invoker.SendAsync(message, _cts.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (IsTurnedAwayUnprocessed(ex) && !_cts.IsCancellationRequested)
        {
            var left = remaining - ChannelOptions.TimeProvider.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw;
            }

            _channel.Metrics.ClientTransparentRetry(_methodLabel);
            var content = new ByteArrayContent(frame);
            content.Headers.ContentType = GrpcContentType;
            return await _channel.Invoker.SendAsync(CreateRequest(content, left), _cts.Token).ConfigureAwait(false);
        }
    }

    /// <summary>True when the server ended the stream before any response with NO_ERROR or REFUSED_STREAM.</summary>
    private static bool IsTurnedAwayUnprocessed(Exception exception) => FindProtocolError(exception)?.ErrorCode is 0x0 or 0x7;

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Fail(ex, "Error starting gRPC call", beforeResponse: true);
        }

        bool alreadyOver;
        lock (_gate)
        {
            _response = response;
            alreadyOver = _outcome is not null && !_readInProgress;
        }

        if (alreadyOver)
        {
            // Cancelled or disposed while the headers were on their way.
            ReleaseResponse();
        }

        var metadata = ReadMetadata(response.Headers);
        if (response.Headers.Contains(GrpcProtocol.StatusHeader))
        {
            // Trailers-Only: the whole outcome is in the headers.
            Complete(ReadStatus(response.Headers, response), metadata);
            return metadata;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = HttpStatusMapping.ToStatusCode((int)response.StatusCode);
            Complete(new Status(code, $"Bad gRPC response: HTTP status {(int)response.StatusCode} {response.ReasonPhrase} and no grpc-status."), metadata);
            return metadata;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            Complete(new Status(StatusCode.Unknown, $"Bad gRPC response: content-type '{contentType}' is not {GrpcProtocol.ContentType}."), metadata);
            return metadata;
        }

        if (response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var encodings))
        {
            _responseEncoding = encodings.FirstOrDefault();
        }

        return metadata;
    }

    /// <summary>The next response message, or null after a clean OK end. Throws <see cref="RpcException"/> otherwise.</summary>
    private async Task<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        await GetResponseHeadersAsync().ConfigureAwait(false);
        bool reading;
        lock (_gate)
        {
            reading = _outcome is null;
            _readInProgress |= reading;
        }

        if (!reading)
        {
            var finished = CurrentOutcome!;
            return finished.Status.StatusCode == StatusCode.OK ? null : throw new RpcException(finished.Status, finished.Trailers);
        }

        ReceivedMessage<TResponse> received;
        try
        {
            using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token) : null;
            var token = linked?.Token ?? _cts.Token;
            _reader ??= PipeReader.Create(await _response!.Content.ReadAsStreamAsync(token).ConfigureAwait(false));
            received = await MessageFraming.ReadMessageAsync(_reader, _method.ResponseParser, ChannelOptions.MaxReceiveMessageSize, _responseEncoding, token).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            // A framing or size violation: stop the stream, the call is over.
            CancelTransport();
            Complete(ex.Status, null);
            throw new RpcException(CurrentOutcome!.Status, CurrentOutcome.Trailers, ex);
        }
        catch (Exception ex)
        {
            throw Fail(ex, "Error reading the next message");
        }
        finally
        {
            bool release;
            lock (_gate)
            {
                _readInProgress = false;
                release = _outcome is not null;
            }

            if (release)
            {
                ReleaseResponse();
            }
        }

        if (received.Message is { } message)
        {
            _channel.Metrics.ClientMessageReceived(_methodLabel, received.WireSize);
            return message;
        }

        var trailers = ReadMetadata(_response!.TrailingHeaders);
        var status = _response.TrailingHeaders.Contains(GrpcProtocol.StatusHeader)
            ? ReadStatus(_response.TrailingHeaders, _response)
            : new Status(StatusCode.Internal, "The response ended without a grpc-status trailer.");
        Complete(status, trailers);
        var outcome = CurrentOutcome!;
        return outcome.Status.StatusCode == StatusCode.OK ? null : throw new RpcException(outcome.Status, outcome.Trailers);
    }

    private async Task ThrowCallFailureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _sendTask!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException && !cancellationToken.IsCancellationRequested)
        {
            throw CurrentOutcome is { } failed && failed.Status.StatusCode != StatusCode.OK
                ? new RpcException(failed.Status, failed.Trailers, ex)
                : Fail(ex, "Error starting gRPC call");
        }

        throw CurrentOutcome is { } outcome && outcome.Status.StatusCode != StatusCode.OK
            ? new RpcException(outcome.Status, outcome.Trailers)
            : new RpcException(new Status(StatusCode.Unavailable, "The request stream was closed before the message could be sent."));
    }

    private async Task WriteRequestAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (CurrentOutcome is { } finished)
        {
            throw finished.Status.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Cannot write to the request stream: the call has already finished.")
                : new RpcException(finished.Status, finished.Trailers);
        }

        var content = _requestContent!;
        if (content.IsCompleted)
        {
            if (_requestCompletedByCaller)
            {
                throw new InvalidOperationException("Cannot write to the request stream after CompleteAsync.");
            }

            // The transport closed the request stream (the call could not be sent, say the server is down) before the
            // call's status was recorded: report that status, not a misuse.
            await ThrowCallFailureAsync(cancellationToken).ConfigureAwait(false);
        }

        var frame = MessageFraming.ToFrame(message, ChannelOptions.MaxSendMessageSize, ChannelOptions.CompressRequests);
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token) : null;
        var token = linked?.Token ?? _cts.Token;
        try
        {
            var stream = await content.GetStreamAsync(token).ConfigureAwait(false);
            await stream.WriteAsync(frame, token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
            _channel.Metrics.ClientMessageSent(_methodLabel, frame.Length - GrpcProtocol.HeaderSize);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            if (CurrentOutcome is { } outcome && outcome.Status.StatusCode != StatusCode.OK)
            {
                throw new RpcException(outcome.Status, outcome.Trailers, ex);
            }

            throw Fail(ex, "Error writing the request stream");
        }
    }

    private RpcException Fail(Exception exception, string what, bool beforeResponse = false)
    {
        Status status;
        if (_deadlineExceeded)
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        else if (_options.CancellationToken.IsCancellationRequested || _disposed)
        {
            status = new Status(StatusCode.Cancelled, "Call cancelled by the client.");
        }
        else if (beforeResponse && IsTurnedAwayUnprocessed(exception))
        {
            // The server went away (or refused the stream) without answering: it is not there now, try again later.
            status = new Status(StatusCode.Unavailable, $"{what}: the server closed the stream before answering (HTTP/2 error {FindProtocolError(exception)!.ErrorCode}).");
        }
        else if (FindProtocolError(exception) is { } protocolError)
        {
            status = new Status(Http2ErrorToStatus(protocolError.ErrorCode), $"{what}: the stream was reset by the server (HTTP/2 error {protocolError.ErrorCode}).");
        }
        else if (exception is HttpRequestException or IOException)
        {
            status = new Status(StatusCode.Unavailable, $"{what}: {exception.GetType().Name}: {exception.Message}");
        }
        else if (exception is OperationCanceledException)
        {
            status = new Status(StatusCode.Cancelled, "Call cancelled.");
        }
        else
        {
            status = new Status(StatusCode.Internal, $"{what}: {exception.GetType().Name}: {exception.Message}");
        }

        CancelTransport();
        Complete(status, null);
        var outcome = CurrentOutcome!;
        return new RpcException(outcome.Status, outcome.Trailers, exception);
    }

    /// <summary>Records the final status once; later calls keep the first.</summary>
    private void Complete(Status status, Metadata? trailers)
    {
        bool releaseNow;
        lock (_gate)
        {
            if (_outcome is not null)
            {
                return;
            }

            Volatile.Write(ref _outcome, new Outcome(status, trailers ?? Metadata.Empty));
            releaseNow = !_readInProgress;
        }

        _userCancellation.Unregister();
        _deadlineTimer?.Dispose();
        _requestContent?.Complete();
        if (releaseNow)
        {
            ReleaseResponse();
        }
        else
        {
            // A read is running: wake it; it releases the response as it leaves.
            CancelTransport();
        }

        _channel.Metrics.ClientCallEnded(_methodLabel, status.StatusCode, _startTimestamp);
        if (_activity is not null)
        {
            RpcActivitySource.Stop(_activity, status);
        }
    }

    private void ReleaseResponse()
    {
        PipeReader? reader;
        HttpResponseMessage? response;
        lock (_gate)
        {
            if (_released || _response is null)
            {
                return;
            }

            _released = true;
            (reader, response) = (_reader, _response);
        }

        reader?.Complete();
        response.Dispose();
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        CancelTransport();
    }

    private void CancelTransport() => _cts.Cancel();

    /// <summary>The time left before the deadline, or null for none (or one beyond what a timer can wait).</summary>
    private TimeSpan? RemainingTime()
    {
        var now = ChannelOptions.TimeProvider.GetUtcNow().UtcDateTime;
        TimeSpan? remaining = _options.Deadline is { } deadline ? deadline - now : ChannelOptions.DefaultTimeout;
        return remaining > GrpcTimeout.MaxTimerDuration ? null : remaining;
    }

    private HttpRequestMessage CreateRequest(HttpContent content, TimeSpan? timeout)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _channel.MethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, "trailers");
        headers.TryAddWithoutValidation("user-agent", ChannelOptions.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (ChannelOptions.CompressRequests)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.GzipEncoding);
        }

        if (timeout is { } t)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(t));
        }

        AddTraceContext(headers);
        if (_options.Headers is { } custom)
        {
            foreach (var entry in custom)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
        }

        return message;
    }

    private static Status ReadStatus(HttpHeaders headers, HttpResponseMessage response)
    {
        var statusText = headers.GetValues(GrpcProtocol.StatusHeader).FirstOrDefault();
        if (!int.TryParse(statusText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status '{statusText}' (HTTP {(int)response.StatusCode}).");
        }

        var detail = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages)
            ? PercentEncoding.Decode(messages.FirstOrDefault() ?? string.Empty)
            : string.Empty;
        return new Status((StatusCode)code, detail);
    }

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key) || header.Key.Equals("date", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("server", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                MetadataEncoding.AddHeader(metadata, header.Key, new Microsoft.Extensions.Primitives.StringValues(header.Value.ToArray()));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                // One malformed header must not fail an otherwise good call.
                continue;
            }
        }

        return metadata;
    }

    private void AddTraceContext(HttpRequestHeaders headers)
    {
        var activity = _activity ?? Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        headers.TryAddWithoutValidation(GrpcProtocol.TraceParentHeader, activity.Id);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TraceStateHeader, activity.TraceStateString);
        }
    }

    private static HttpProtocolException? FindProtocolError(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocolError)
            {
                return protocolError;
            }
        }

        return null;
    }

    /// <summary>HTTP/2 RST_STREAM codes to gRPC status (PROTOCOL-HTTP2.md, "Errors").</summary>
    private static StatusCode Http2ErrorToStatus(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable, // REFUSED_STREAM: not processed, safe to retry.
        0x8 => StatusCode.Cancelled, // CANCEL
        0xB => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    /// <summary>The final status and trailers, published as one reference so readers never see half of it.</summary>
    private sealed record Outcome(Status Status, Metadata Trailers);

    private sealed class RequestWriter(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    {
        public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteRequestAsync(message, cancellationToken);

        public Task CompleteAsync()
        {
            call._requestCompletedByCaller = true;
            call._requestContent?.Complete();
            return Task.CompletedTask;
        }
    }

    private sealed class ResponseReader(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    {
        private TResponse? _current;

        public TResponse Current => _current ?? throw new InvalidOperationException("Call MoveNext and check it returned true before reading Current.");

        public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
        {
            _current = await call.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            return _current is not null;
        }
    }
}

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
internal sealed class ClientCall<TRequest, TResponse> : IClientCall
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenRegistration _userCancellation;
    private readonly object _gate = new();
    private readonly string _methodLabel;

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
    private Status? _status;
    private Metadata? _trailers;
    private bool _disposed;

    public ClientCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _methodLabel = channel.Metrics.LabelFor(method);
        _cts = new CancellationTokenSource();
        if (options.CancellationToken.CanBeCanceled)
        {
            _userCancellation = options.CancellationToken.UnsafeRegister(static s => ((ClientCall<TRequest, TResponse>)s!).CancelTransport(), this);
        }
    }

    private GrpcChannelOptions ChannelOptions => _channel.Options;

    /// <summary>Starts the call; a null request means the requests are streamed through <see cref="CreateRequestWriter"/>.</summary>
    public void Start(TRequest? request)
    {
        _startTimestamp = _channel.Metrics.ClientCallStarted(_methodLabel);
        _activity = RpcActivitySource.StartClient(_method);

        var message = new HttpRequestMessage(HttpMethod.Post, _channel.MethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, "trailers");
        headers.TryAddWithoutValidation("user-agent", ChannelOptions.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (ChannelOptions.CompressRequests)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.GzipEncoding);
        }

        AddTraceContext(headers);
        if (_options.Headers is { } custom)
        {
            foreach (var entry in custom)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
        }

        var deadline = _options.Deadline ?? (ChannelOptions.DefaultTimeout is { } t ? ChannelOptions.TimeProvider.GetUtcNow().UtcDateTime + t : null);
        if (deadline is { } d)
        {
            var remaining = d - ChannelOptions.TimeProvider.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                _deadlineExceeded = true;
                Complete(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null);
                message.Dispose();
                _sendTask = Task.FromException<HttpResponseMessage>(new OperationCanceledException("The deadline had passed before the call started."));
                return;
            }

            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(remaining));
            _deadlineTimer = ChannelOptions.TimeProvider.CreateTimer(static s => ((ClientCall<TRequest, TResponse>)s!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
        }

        HttpContent content;
        if (request is not null)
        {
            var frame = MessageFraming.ToFrame(request, ChannelOptions.MaxSendMessageSize, ChannelOptions.CompressRequests);
            _channel.Metrics.ClientMessageSent(_methodLabel, frame.Length - GrpcProtocol.HeaderSize);
            content = new ByteArrayContent(frame);
        }
        else
        {
            content = _requestContent = new StreamingRequestContent();
        }

        content.Headers.ContentType = GrpcContentType;
        message.Content = content;
        _sendTask = _channel.Invoker.SendAsync(message, _cts.Token);
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

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished yet.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished yet.");

    /// <summary>Reads the one response of a unary or client-streaming call, and the status after it.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var response = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
        if (response is null)
        {
            var status = new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message.");
            Complete(status, _trailers);
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

        if (_status is null)
        {
            // Still running: reset the stream so the server stops work on it.
            CancelTransport();
            Complete(new Status(StatusCode.Cancelled, "The call was disposed before it finished."), null);
        }

        _userCancellation.Dispose();
        _cts.Dispose();
    }

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Fail(ex, "Error starting gRPC call");
        }

        _response = response;
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
        if (_status is { } finished)
        {
            return finished.StatusCode == StatusCode.OK ? null : throw new RpcException(finished, _trailers ?? Metadata.Empty);
        }

        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token) : null;
        var token = linked?.Token ?? _cts.Token;
        ReceivedMessage<TResponse> received;
        try
        {
            _reader ??= PipeReader.Create(await _response!.Content.ReadAsStreamAsync(token).ConfigureAwait(false));
            received = await MessageFraming.ReadMessageAsync(_reader, _method.ResponseParser, ChannelOptions.MaxReceiveMessageSize, _responseEncoding, token).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            // A framing or size violation: stop the stream, the call is over.
            CancelTransport();
            Complete(ex.Status, null);
            throw;
        }
        catch (Exception ex)
        {
            if (cancellationToken.IsCancellationRequested && !_cts.IsCancellationRequested)
            {
                // Only this read was cancelled, not the call.
                throw;
            }

            throw Fail(ex, "Error reading the next message");
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
        return status.StatusCode == StatusCode.OK ? null : throw new RpcException(status, trailers);
    }

    private async Task WriteRequestAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_status is { } finished)
        {
            throw finished.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Cannot write to the request stream: the call has already finished.")
                : new RpcException(finished, _trailers ?? Metadata.Empty);
        }

        var content = _requestContent!;
        if (content.IsCompleted)
        {
            throw new InvalidOperationException("Cannot write to the request stream after CompleteAsync.");
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
            if (_status is { } status && status.StatusCode != StatusCode.OK)
            {
                throw new RpcException(status, _trailers ?? Metadata.Empty, ex);
            }

            throw Fail(ex, "Error writing the request stream");
        }
    }

    private RpcException Fail(Exception exception, string what)
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
        return new RpcException(_status ?? status, _trailers ?? Metadata.Empty, exception);
    }

    /// <summary>Records the final status once; later calls keep the first.</summary>
    private void Complete(Status status, Metadata? trailers)
    {
        lock (_gate)
        {
            if (_status is not null)
            {
                return;
            }

            _status = status;
            _trailers = trailers ?? Metadata.Empty;
        }

        _deadlineTimer?.Dispose();
        _requestContent?.Complete();
        _reader?.Complete();
        _response?.Dispose();
        _channel.Metrics.ClientCallEnded(_methodLabel, status.StatusCode, _startTimestamp);
        if (_activity is not null)
        {
            RpcActivitySource.Stop(_activity, status);
        }
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        CancelTransport();
    }

    private void CancelTransport()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: the call is over.
        }
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

    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);

    private sealed class RequestWriter(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    {
        public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteRequestAsync(message, cancellationToken);

        public Task CompleteAsync()
        {
            call._requestContent!.Complete();
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

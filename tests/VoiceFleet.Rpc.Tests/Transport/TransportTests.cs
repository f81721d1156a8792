using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Testing;
using VoiceFleet.Rpc.Client;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Transport;

/// <summary>Our client against our server over real HTTP/2 on loopback.</summary>
public sealed class TransportTests(TransportFixture fixture) : IClassFixture<TransportFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task Unary_SmallRequest_ReturnsResponseOfRequestedSize()
    {
        var response = await Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 314159 });

        Assert.Equal(314159, response.Payload.Body.Length);
    }

    [Fact]
    public async Task Unary_ErrorStatus_ThrowsWithCodeMessageAndTrailers()
    {
        using var call = Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest
        {
            ResponseStatus = new EchoStatus { Code = (int)StatusCode.FailedPrecondition, Message = "not now" },
        });

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("not now", ex.Status.Detail);
        Assert.Equal("present", ex.Trailers.GetValue("x-echo-trailer"));
    }

    [Fact]
    public async Task Unary_UnicodeAndControlCharactersInMessage_SurviveRoundTrip()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈 100%\t\n";
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest
        {
            ResponseStatus = new EchoStatus { Code = 2, Message = message },
        }));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
    }

    [Fact]
    public async Task Unary_HandlerThrows_ReturnsUnknownWithoutLeakingDetails()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(
            TestService.Unary,
            new SimpleRequest(),
            new CallOptions(Headers: new Metadata { { "x-test-behavior", "throw" } })));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_StatusSetAfterMessage_ClientSeesStatus()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(
            TestService.Unary,
            new SimpleRequest(),
            new CallOptions(Headers: new Metadata { { "x-test-behavior", "status-after-message" } })));

        Assert.Equal(StatusCode.DataLoss, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_TextAndBinaryMetadata_EchoedInHeadersAndTrailers()
    {
        var binary = new byte[] { 0xab, 0xab, 0xab, 0x00, 0xff };
        using var call = Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest(), new CallOptions(Headers: new Metadata
        {
            { "x-test-behavior", "echo-metadata" },
            { "x-text", "hello" },
            { "x-data-bin", binary },
        }));

        await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Equal("hello", headers.GetValue("x-text"));
        Assert.Equal(binary, headers.Get("x-data-bin")!.ValueBytes);
        Assert.Equal(binary, trailers.Get("x-data-bin")!.ValueBytes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_SeveralSizes_ReceivesEachInOrder()
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(s => new ResponseParameters { Size = s }));
        using var call = Channel.AsyncServerStreamingCall(TestService.ServerStream, request);

        var received = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            received.Add(response.Payload.Body.Length);
        }

        Assert.Equal(sizes, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_EmptyStream_EndsWithOk()
    {
        using var call = Channel.AsyncServerStreamingCall(TestService.ServerStream, new StreamingOutputCallRequest());

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_MessagesThenStatus()
    {
        var request = new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = (int)StatusCode.Aborted, Message = "half way" } };
        request.ResponseParameters.Add(new ResponseParameters { Size = 10 });
        using var call = Channel.AsyncServerStreamingCall(TestService.ServerStream, request);

        Assert.True(await call.ResponseStream.MoveNext());
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("half way", ex.Status.Detail);
    }

    [Fact]
    public async Task ClientStreaming_FourMessages_ServerSumsSizes()
    {
        using var call = Channel.AsyncClientStreamingCall(TestService.ClientStream);
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[size]) } });
        }

        await call.RequestStream.CompleteAsync();

        Assert.Equal(74922, (await call.ResponseAsync).AggregatedPayloadSize);
    }

    [Fact]
    public async Task ClientStreaming_NoMessages_ReturnsZero()
    {
        using var call = Channel.AsyncClientStreamingCall(TestService.ClientStream);
        await call.RequestStream.CompleteAsync();

        Assert.Equal(0, (await call.ResponseAsync).AggregatedPayloadSize);
    }

    [Fact]
    public async Task DuplexStreaming_PingPong_ResponseFollowsEachRequest()
    {
        using var call = Channel.AsyncDuplexStreamingCall(TestService.Duplex);
        foreach (var size in new[] { 31415, 9, 2653, 58979 })
        {
            var request = new StreamingOutputCallRequest();
            request.ResponseParameters.Add(new ResponseParameters { Size = size });
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal(size, call.ResponseStream.Current.Payload.Body.Length);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task Unary_DeadlineShorterThanHandler_DeadlineExceededAndHandlerCancelled()
    {
        var service = fixture.Service;
        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(
            TestService.Unary,
            new SimpleRequest(),
            new CallOptions(Headers: new Metadata { { "x-test-behavior", "sleep" } }, Deadline: DateTime.UtcNow.AddMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        await service.Cancelled.Task.WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task Unary_HandlerIgnoresDeadline_ServerStillAnswersDeadlineExceededOnTime()
    {
        // The server completes the call itself when the deadline passes; a raw HTTP/2 request (no
        // client-side timer) shows the DEADLINE_EXCEEDED came from the server.
        using var http = new HttpClient();
        using var request = RawRequest(TestService.Unary.FullName, new SimpleRequest());
        request.Headers.TryAddWithoutValidation("grpc-timeout", "300m");
        request.Headers.TryAddWithoutValidation("x-test-behavior", "ignore-deadline");
        var stopwatch = Stopwatch.StartNew();

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.5), $"took {stopwatch.Elapsed}");
        Assert.Equal("4", GrpcStatusOf(response));
    }

    [Fact]
    public async Task Unary_DeadlineSent_ServerSeesRemainingBudget()
    {
        await Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest(), CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));

        var remaining = fixture.Service.LastRemaining;
        Assert.NotNull(remaining);
        Assert.InRange(remaining!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Unary_DeadlineAlreadyPassed_FailsWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(
            TestService.Unary, new SimpleRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ClientCancelsAfterFirstResponse_CancelledAndServerHandlerCancelled()
    {
        var service = new TestService();
        await using var server = await LoopbackServer.StartAsync(
            s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, service),
            app => Server.GrpcEndpointRouteBuilderExtensions.MapGrpcService<TestService>(app));
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        using var cts = new CancellationTokenSource();
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        using var call = channel.AsyncServerStreamingCall(
            TestService.ServerStream,
            request,
            new CallOptions(Headers: new Metadata { { "x-test-behavior", "sleep" } }, CancellationToken: cts.Token));

        Assert.True(await call.ResponseStream.MoveNext());
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal("ServerStream", await service.Cancelled.Task.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task DuplexStreaming_CancelAfterBegin_Cancelled()
    {
        using var cts = new CancellationTokenSource();
        using var call = Channel.AsyncDuplexStreamingCall(TestService.Duplex, new CallOptions(CancellationToken: cts.Token));
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_UnknownMethodOfKnownService_Unimplemented()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(TestService.NotBound, new SimpleRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("NotBound", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_UnknownService_Unimplemented()
    {
        var method = new Method<SimpleRequest, SimpleResponse>(MethodType.Unary, "no.such.Service", "Call", SimpleRequest.Parser, SimpleResponse.Parser);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(method, new SimpleRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("no.such.Service", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_RequestOverServerLimit_ResourceExhausted()
    {
        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[2 * 1024 * 1024]) } };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(TestService.Unary, request));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_ResponseOverClientLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 5000 }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_RequestOverClientSendLimit_ResourceExhaustedBeforeSending()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.GrpcAddress, new GrpcChannelOptions { MaxSendMessageSize = 100 });

        var ex = Assert.Throws<RpcException>(() => channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[500]) } }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_GzipRequests_ServerDecompresses()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.GrpcAddress, new GrpcChannelOptions { CompressRequests = true });

        using var call = channel.AsyncClientStreamingCall(TestService.ClientStream);
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[100_000]) } });
        await call.RequestStream.CompleteAsync();

        Assert.Equal(100_000, (await call.ResponseAsync).AggregatedPayloadSize);
    }

    [Fact]
    public async Task IdempotentUnary_UnavailableTwice_RetriedUntilSuccess()
    {
        var response = await Channel.AsyncUnaryCall(
            TestService.IdempotentUnary,
            new SimpleRequest { ResponseSize = 2 },
            new CallOptions(Headers: new Metadata { { "x-attempt-key", Guid.NewGuid().ToString("N") } }));

        Assert.Equal("attempt 3", response.Payload.Body.ToStringUtf8());
    }

    [Fact]
    public async Task IdempotentUnary_UnavailableEveryTime_GivesUpAfterMaxAttempts()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(
            TestService.IdempotentUnary,
            new SimpleRequest { ResponseSize = 100 },
            new CallOptions(Headers: new Metadata { { "x-attempt-key", Guid.NewGuid().ToString("N") } })));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("attempt 4 refused", ex.Status.Detail);
    }

    [Fact]
    public async Task Unary_NotIdempotent_UnavailableNotRetried()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Channel.AsyncUnaryCall(
            TestService.Unary,
            new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)StatusCode.Unavailable, Message = "once" } }));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_ServerDown_Unavailable()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { Retry = new GrpcRetryOptions { MaxAttempts = 1 } });

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Unary_AmbientActivity_TraceParentReachesServer()
    {
        using var activity = new Activity("test-root").SetIdFormat(ActivityIdFormat.W3C).Start();

        await Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest());

        Assert.Contains(activity.TraceId.ToHexString(), fixture.Service.LastTraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_DeadlineMaxValue_TreatedAsNoDeadline()
    {
        var response = await Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 3 }, new CallOptions(Deadline: DateTime.MaxValue));

        Assert.Equal(3, response.Payload.Body.Length);
        Assert.Null(fixture.Service.LastRemaining);
    }

    [Fact]
    public async Task RawHttp_TimeoutBeyondTimerRange_ServedAsNoDeadline()
    {
        using var http = new HttpClient();
        using var request = RawRequest(TestService.Unary.FullName, new SimpleRequest());
        request.Headers.TryAddWithoutValidation("grpc-timeout", "99999999H");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", GrpcStatusOf(response));
    }

    [Fact]
    public async Task IdempotentUnary_DisposedDuringBackoff_CancelledPromptly()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.GrpcAddress, new GrpcChannelOptions
        {
            Retry = new GrpcRetryOptions { MaxAttempts = 5, InitialBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromSeconds(5) },
        });
        var call = channel.AsyncUnaryCall(
            TestService.IdempotentUnary,
            new SimpleRequest { ResponseSize = 100 },
            new CallOptions(Headers: new Metadata { { "x-attempt-key", Guid.NewGuid().ToString("N") } }));
        await Task.Delay(300);
        var stopwatch = Stopwatch.StartNew();

        call.Dispose();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task IdempotentUnary_BackoffLongerThanDeadline_DeadlineExceededOnTime()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.GrpcAddress, new GrpcChannelOptions
        {
            Retry = new GrpcRetryOptions { MaxAttempts = 5, InitialBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromSeconds(5) },
        });
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(
            TestService.IdempotentUnary,
            new SimpleRequest { ResponseSize = 100 },
            new CallOptions(Headers: new Metadata { { "x-attempt-key", Guid.NewGuid().ToString("N") } }, Deadline: DateTime.UtcNow.AddMilliseconds(500))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task DuplexStreaming_ServerDownAndWriteFirst_UnavailableInsteadOfHanging()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        using var call = channel.AsyncDuplexStreamingCall(TestService.Duplex);

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StreamingOutputCallRequest()).WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_MoreThanKestrelBodyLimitInTotal_AllReceived()
    {
        // Kestrel caps request bodies at 30 MB by default; gRPC limits messages, not streams.
        using var call = Channel.AsyncClientStreamingCall(TestService.ClientStream);
        var chunk = new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[1_000_000]) } };
        for (var i = 0; i < 40; i++)
        {
            await call.RequestStream.WriteAsync(chunk);
        }

        await call.RequestStream.CompleteAsync();

        Assert.Equal(40_000_000, (await call.ResponseAsync).AggregatedPayloadSize);
    }

    [Fact]
    public async Task Unary_StartedUnderAmbientActivity_AmbientActivityRestored()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Diagnostics.RpcActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var ambient = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        using var call = Channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest());
        Assert.Same(ambient, Activity.Current);
        await call.ResponseAsync;

        Assert.Contains(ambient.TraceId.ToHexString(), fixture.Service.LastTraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawHttp_WrongContentType_Returns415()
    {
        using var http = new HttpClient();
        using var request = RawRequest(TestService.Unary.FullName, new SimpleRequest());
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task RawHttp_Http1Request_Returns426WithReadableMessage()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.Http1Address, TestService.Unary.FullName))
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("HTTP/2", Uri.UnescapeDataString(response.Headers.GetValues("grpc-message").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawHttp_InvalidCompressedFlag_Internal()
    {
        using var http = new HttpClient();
        using var request = RawRequest(TestService.Unary.FullName, null);
        request.Content = new ByteArrayContent([7, 0, 0, 0, 0]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("13", GrpcStatusOf(response));
    }

    [Fact]
    public async Task RawHttp_CompressedFlagWithUnknownEncoding_UnimplementedWithAcceptEncoding()
    {
        using var http = new HttpClient();
        using var request = RawRequest(TestService.Unary.FullName, null);
        request.Content = new ByteArrayContent([1, 0, 0, 0, 0]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("12", GrpcStatusOf(response));
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawHttp_MessageHeaderSplitAcrossDataFrames_ParsedWhole()
    {
        using var http = new HttpClient();
        using var request = RawRequest(TestService.ClientStream.FullName, null);
        var one = Frame(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[300]) } });
        var two = Frame(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[700]) } });
        request.Content = new TrickleContent([.. one, .. two], chunk: 3);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", GrpcStatusOf(response));
        Assert.Equal(1000, StreamingInputCallResponse.Parser.ParseFrom(body.AsSpan(5)).AggregatedPayloadSize);
    }

    [Fact]
    public async Task RawHttp_UnknownPathWithoutGrpcContentType_StaysPlain404()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.GrpcAddress, "/v1/not-a-grpc-path"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(GrpcStatusOf(response));
    }

    [Fact]
    public async Task RawHttp_MalformedTimeout_InvalidArgument()
    {
        using var http = new HttpClient();
        using var request = RawRequest(TestService.Unary.FullName, new SimpleRequest());
        request.Headers.TryAddWithoutValidation("grpc-timeout", "soon");

        using var response = await http.SendAsync(request);

        Assert.Equal("3", GrpcStatusOf(response));
    }

    private HttpRequestMessage RawRequest(string path, IMessage? message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.GrpcAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (message is not null)
        {
            request.Content = new ByteArrayContent(Frame(message));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }

        return request;
    }

    private static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    private static string? GrpcStatusOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders.Single()
        : response.TrailingHeaders.TryGetValues("grpc-status", out var inTrailers) ? inTrailers.Single()
        : null;

    /// <summary>Sends its bytes a few at a time, flushing each, so headers split across DATA frames.</summary>
    private sealed class TrickleContent(byte[] data, int chunk) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < data.Length; i += chunk)
            {
                await stream.WriteAsync(data.AsMemory(i, Math.Min(chunk, data.Length - i)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

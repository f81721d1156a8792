using System.Globalization;
using System.Text;
using Grpc.Health.V1;
using Grpc.Testing;
using VoiceFleet.Rpc.Client;
using Xunit.Sdk;

namespace VoiceFleet.Rpc.Tests.Interop;

/// <summary>
/// VoiceFleet's interop client: the client procedures of grpc/grpc doc/interop-test-descriptions.md
/// (a mirror of tests/interop/client.py, including its two VoiceFleet cases), run against any server
/// of <c>grpc.testing.TestService</c> and <c>grpc.health.v1.Health</c>. A failing case throws an
/// <see cref="XunitException"/> that names the call and what was wrong.
/// </summary>
internal static class InteropClient
{
    /// <summary>Every case, in client.py's order.</summary>
    public static readonly IReadOnlyList<string> CaseNames =
    [
        "empty_unary",
        "large_unary",
        "client_streaming",
        "server_streaming",
        "ping_pong",
        "empty_stream",
        "custom_metadata",
        "status_code_and_message",
        "special_status_message",
        "unimplemented_method",
        "unimplemented_service",
        "timeout_on_sleeping_server",
        "cancel_after_begin",
        "cancel_after_first_response",
        "oversize_request",
        "health",
    ];

    /// <summary>Per-call deadline, as client.py's RPC_TIMEOUT: a misbehaving server cannot hang a case.</summary>
    private static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(30);

    private const string EchoInitialValue = "test_initial_metadata_value";
    private static readonly byte[] EchoTrailingValue = [0xab, 0xab, 0xab];
    private const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001F608\t\n";
    private const int OversizePayload = 5 * 1024 * 1024;

    /// <summary>Runs <paramref name="testCase"/> on a fresh channel to <paramref name="server"/>.</summary>
    public static async Task RunAsync(string testCase, Uri server)
    {
        var options = new GrpcChannelOptions();
        if (testCase == "oversize_request")
        {
            // The point is the server's 4 MiB limit: let the request leave our side.
            options.MaxSendMessageSize = 2 * OversizePayload;
        }

        using var channel = GrpcChannel.ForAddress(server, options);
        var client = new TestServiceClient(channel);
        Func<Task> run = testCase switch
        {
            "empty_unary" => () => EmptyUnaryAsync(client),
            "large_unary" => () => LargeUnaryAsync(client),
            "client_streaming" => () => ClientStreamingAsync(client),
            "server_streaming" => () => ServerStreamingAsync(client),
            "ping_pong" => () => PingPongAsync(client),
            "empty_stream" => () => EmptyStreamAsync(client),
            "custom_metadata" => () => CustomMetadataAsync(client),
            "status_code_and_message" => () => EchoStatusAsync(client, "test status message", duplex: true),
            "special_status_message" => () => EchoStatusAsync(client, SpecialStatusMessage, duplex: false),
            "unimplemented_method" => () => UnimplementedMethodAsync(client),
            "unimplemented_service" => () => UnimplementedServiceAsync(new UnimplementedServiceClient(channel)),
            "timeout_on_sleeping_server" => () => TimeoutOnSleepingServerAsync(client),
            "cancel_after_begin" => () => CancelAfterBeginAsync(client),
            "cancel_after_first_response" => () => CancelAfterFirstResponseAsync(client),
            "oversize_request" => () => OversizeRequestAsync(client),
            "health" => () => HealthAsync(new HealthClient(channel)),
            _ => throw new ArgumentException($"Unknown interop case '{testCase}'.", nameof(testCase)),
        };

        try
        {
            await run();
        }
        catch (RpcException ex)
        {
            throw new XunitException($"{testCase}: unexpected status {ex.StatusCode} ({Quote(ex.Status.Detail)})", ex);
        }
    }

    // --- test cases -------------------------------------------------------------------------------

    private static async Task EmptyUnaryAsync(TestServiceClient client)
    {
        var response = await client.EmptyCallAsync(new Empty(), Options());
        Check(response is not null, "EmptyCall returned no message");
    }

    private static async Task LargeUnaryAsync(TestServiceClient client)
    {
        var response = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Payload(271828) }, Options());
        CheckPayload(response.Payload, 314159, "UnaryCall response");
    }

    private static async Task ClientStreamingAsync(TestServiceClient client)
    {
        using var call = client.StreamingInputCall(Options());
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Payload(size) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check(response.AggregatedPayloadSize == 74922, $"aggregated_payload_size is {response.AggregatedPayloadSize}, want 74922");
    }

    private static async Task ServerStreamingAsync(TestServiceClient client)
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
        using var call = client.StreamingOutputCall(request, Options());
        var responses = await ReadAllAsync(call.ResponseStream);
        Check(responses.Count == sizes.Length, $"got {responses.Count} responses, want {sizes.Length}");
        for (var i = 0; i < sizes.Length; i++)
        {
            CheckPayload(responses[i].Payload, sizes[i], $"response {i}");
        }

        CheckOk(call.GetStatus(), "StreamingOutputCall");
    }

    private static async Task PingPongAsync(TestServiceClient client)
    {
        (int ResponseSize, int RequestSize)[] exchanges = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)];
        using var call = client.FullDuplexCall(Options());
        for (var i = 0; i < exchanges.Length; i++)
        {
            var request = new StreamingOutputCallRequest { Payload = Payload(exchanges[i].RequestSize) };
            request.ResponseParameters.Add(new ResponseParameters { Size = exchanges[i].ResponseSize });
            await call.RequestStream.WriteAsync(request);
            Check(await call.ResponseStream.MoveNext(), $"stream ended before response {i}");
            CheckPayload(call.ResponseStream.Current.Payload, exchanges[i].ResponseSize, $"response {i}");
        }

        await call.RequestStream.CompleteAsync();
        var extra = await ReadAllAsync(call.ResponseStream);
        Check(extra.Count == 0, $"got {extra.Count} unexpected responses after half-close");
        CheckOk(call.GetStatus(), "FullDuplexCall");
    }

    private static async Task EmptyStreamAsync(TestServiceClient client)
    {
        using var call = client.FullDuplexCall(Options());
        await call.RequestStream.CompleteAsync();
        var responses = await ReadAllAsync(call.ResponseStream);
        Check(responses.Count == 0, $"got {responses.Count} responses, want 0");
        CheckOk(call.GetStatus(), "FullDuplexCall");
    }

    private static async Task CustomMetadataAsync(TestServiceClient client)
    {
        var unaryRequest = new SimpleRequest { ResponseSize = 314159, Payload = Payload(271828) };
        using (var call = client.UnaryCallAsync(unaryRequest, Options(EchoMetadata())))
        {
            var response = await call.ResponseAsync;
            CheckPayload(response.Payload, 314159, "UnaryCall response");
            CheckEchoedMetadata(await call.ResponseHeadersAsync, call.GetTrailers(), "UnaryCall");
        }

        var duplexRequest = new StreamingOutputCallRequest { Payload = Payload(271828) };
        duplexRequest.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        using (var call = client.FullDuplexCall(Options(EchoMetadata())))
        {
            await call.RequestStream.WriteAsync(duplexRequest);
            await call.RequestStream.CompleteAsync();
            var responses = await ReadAllAsync(call.ResponseStream);
            Check(responses.Count == 1, $"FullDuplexCall: got {responses.Count} responses, want 1");
            CheckPayload(responses[0].Payload, 314159, "FullDuplexCall response");
            CheckEchoedMetadata(await call.ResponseHeadersAsync, call.GetTrailers(), "FullDuplexCall");
        }
    }

    private static async Task EchoStatusAsync(TestServiceClient client, string message, bool duplex)
    {
        var status = new EchoStatus { Code = (int)StatusCode.Unknown, Message = message };
        using (var call = client.UnaryCallAsync(new SimpleRequest { ResponseStatus = status }, Options()))
        {
            await ExpectStatusAsync(StatusCode.Unknown, "UnaryCall", () => call.ResponseAsync, message);
        }

        if (duplex)
        {
            using var call = client.FullDuplexCall(Options());
            await ExpectStatusAsync(
                StatusCode.Unknown,
                "FullDuplexCall",
                async () =>
                {
                    await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status });
                    await call.RequestStream.CompleteAsync();
                    await ReadAllAsync(call.ResponseStream);
                },
                message);
        }
    }

    private static async Task UnimplementedMethodAsync(TestServiceClient client)
    {
        using var call = client.UnimplementedCallAsync(new Empty(), Options());
        await ExpectStatusAsync(StatusCode.Unimplemented, "TestService/UnimplementedCall", () => call.ResponseAsync);
    }

    private static async Task UnimplementedServiceAsync(UnimplementedServiceClient client)
    {
        using var call = client.UnimplementedCallAsync(new Empty(), Options());
        await ExpectStatusAsync(StatusCode.Unimplemented, "UnimplementedService/UnimplementedCall", () => call.ResponseAsync);
    }

    private static async Task TimeoutOnSleepingServerAsync(TestServiceClient client)
    {
        // A 1 ms deadline; the request stream is never half-closed, the client just waits.
        using var call = client.FullDuplexCall(new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(1)));
        await ExpectStatusAsync(
            StatusCode.DeadlineExceeded,
            "FullDuplexCall",
            async () =>
            {
                await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Payload(27182) });
                await ReadAllAsync(call.ResponseStream);
            });
        Check(call.GetStatus().StatusCode == StatusCode.DeadlineExceeded, $"GetStatus() is {Describe(call.GetStatus())}, want DeadlineExceeded");
    }

    private static async Task CancelAfterBeginAsync(TestServiceClient client)
    {
        using var cts = new CancellationTokenSource();
        using var call = client.StreamingInputCall(Options(cancellationToken: cts.Token));
        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, "StreamingInputCall", () => call.ResponseAsync);
        Check(call.GetStatus().StatusCode == StatusCode.Cancelled, $"GetStatus() is {Describe(call.GetStatus())}, want Cancelled");
    }

    private static async Task CancelAfterFirstResponseAsync(TestServiceClient client)
    {
        using var cts = new CancellationTokenSource();
        using var call = client.FullDuplexCall(Options(cancellationToken: cts.Token));
        var request = new StreamingOutputCallRequest { Payload = Payload(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request);
        Check(await call.ResponseStream.MoveNext(), "stream ended before the first response");
        CheckPayload(call.ResponseStream.Current.Payload, 31415, "first response");

        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, "FullDuplexCall", () => ReadAllAsync(call.ResponseStream));
        Check(call.GetStatus().StatusCode == StatusCode.Cancelled, $"GetStatus() is {Describe(call.GetStatus())}, want Cancelled");
    }

    private static async Task OversizeRequestAsync(TestServiceClient client)
    {
        // VoiceFleet: a request over the server's 4 MiB limit fails with RESOURCE_EXHAUSTED.
        using var call = client.UnaryCallAsync(new SimpleRequest { ResponseSize = 1, Payload = Payload(OversizePayload) }, Options());
        await ExpectStatusAsync(StatusCode.ResourceExhausted, $"UnaryCall with a {OversizePayload}-byte payload", () => call.ResponseAsync);
    }

    private static async Task HealthAsync(HealthClient client)
    {
        // VoiceFleet: grpc.health.v1.Health reports the whole server as SERVING.
        var response = await client.CheckAsync(new HealthCheckRequest { Service = string.Empty }, Options());
        Check(response.Status == HealthCheckResponse.Types.ServingStatus.Serving, $"Check(''): status {response.Status}, want Serving");

        using var cts = new CancellationTokenSource();
        using var call = client.Watch(new HealthCheckRequest { Service = string.Empty }, Options(cancellationToken: cts.Token));
        Check(await call.ResponseStream.MoveNext(), "Watch(''): stream ended without a status");
        Check(
            call.ResponseStream.Current.Status == HealthCheckResponse.Types.ServingStatus.Serving,
            $"Watch(''): first status {call.ResponseStream.Current.Status}, want Serving");
        await cts.CancelAsync();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static CallOptions Options(Metadata? headers = null, CancellationToken cancellationToken = default) =>
        new(Headers: headers, Deadline: DateTime.UtcNow + RpcTimeout, CancellationToken: cancellationToken);

    private static Metadata EchoMetadata() => new Metadata()
        .Add(InteropTestService.EchoInitialKey, EchoInitialValue)
        .Add(InteropTestService.EchoTrailingKey, EchoTrailingValue);

    private static Payload Payload(int size) => InteropTestService.NewPayload(size);

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncStreamReader<T> stream)
    {
        var messages = new List<T>();
        while (await stream.MoveNext())
        {
            messages.Add(stream.Current);
        }

        return messages;
    }

    private static void Check(bool condition, string reason)
    {
        if (!condition)
        {
            throw new XunitException(reason);
        }
    }

    private static void CheckOk(Status status, string call) =>
        Check(status.StatusCode == StatusCode.OK, $"{call}: status {Describe(status)}, want OK");

    private static void CheckPayload(Payload? payload, int size, string what)
    {
        var body = payload?.Body ?? Google.Protobuf.ByteString.Empty;
        Check(body.Length == size, $"{what} payload is {body.Length} bytes, want {size}");
        Check(!body.Span.ContainsAnyExcept((byte)0), $"{what} payload is not all zeros");
    }

    private static void CheckEchoedMetadata(Metadata headers, Metadata trailers, string call)
    {
        var initial = headers.GetAll(InteropTestService.EchoInitialKey).Select(e => e.Value).ToList();
        Check(
            initial.Count == 1 && initial[0] == EchoInitialValue,
            $"{call}: initial metadata {InteropTestService.EchoInitialKey} is [{string.Join(", ", initial.Select(Quote))}], want [{Quote(EchoInitialValue)}]; headers: [{string.Join("; ", headers)}]");

        var trailing = trailers.GetAll(InteropTestService.EchoTrailingKey).Select(e => e.ValueBytes).ToList();
        Check(
            trailing.Count == 1 && trailing[0].AsSpan().SequenceEqual(EchoTrailingValue),
            $"{call}: trailing metadata {InteropTestService.EchoTrailingKey} is [{string.Join(", ", trailing.Select(Convert.ToHexString))}], want [{Convert.ToHexString(EchoTrailingValue)}]; trailers: [{string.Join("; ", trailers)}]");
    }

    /// <summary>Runs <paramref name="action"/>; it must fail with <paramref name="code"/> (and <paramref name="detail"/> when given).</summary>
    private static async Task ExpectStatusAsync(StatusCode code, string call, Func<Task> action, string? detail = null)
    {
        try
        {
            await action();
        }
        catch (RpcException ex)
        {
            Check(ex.StatusCode == code, $"{call}: got status {Describe(ex.Status)}, want {code}");
            if (detail is not null)
            {
                Check(ex.Status.Detail == detail, $"{call}: got status message {Quote(ex.Status.Detail)}, want {Quote(detail)}");
            }

            return;
        }

        throw new XunitException($"{call}: succeeded, want status {code}");
    }

    private static string Describe(Status status) => $"{status.StatusCode} ({Quote(status.Detail)})";

    /// <summary>A string in quotes with control and non-ASCII characters escaped, for one-line messages.</summary>
    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case < 0x20 or >= 0x7F:
                    sb.Append(rune.Value <= 0xFFFF
                        ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}")
                        : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}"));
                    break;
                default: sb.Append((char)rune.Value); break;
            }
        }

        return sb.Append('"').ToString();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Tests.Support;
using VoiceFleet.Rpc;
using VoiceFleet.Testing;

namespace VoiceFleet.Gateway.Tests.EndToEnd;

/// <summary>Auth, roles, rate limits, size limits, header hygiene and routes, through a real gateway (one shared set of servers).</summary>
public sealed class EdgeTests(EdgeTests.Fixture fixture) : IClassFixture<EdgeTests.Fixture>
{
    private GatewayHarness H => fixture.Harness;

    [Fact]
    public async Task Grpc_NoKey_UnauthenticatedTrailersOnly()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(null)));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("API key is required", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_UnknownKey_Unauthenticated()
    {
        var forged = "vfk_" + TestKeys.IdOf(H.Keys.Admin) + ".forged-secret";

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(forged)));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task Grpc_WrongRole_PermissionDeniedNamingTheRole()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(H.Keys.Enroller)));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("synthesize", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_InlineReferenceWithoutCloneRole_PermissionDenied()
    {
        var request = new SynthesizeRequest { Text = "hi", Voice = new VoiceSpec { Reference = new ReferenceVoice { Audio = new Audio { Data = ByteString.CopyFrom(new byte[1000]) } } } };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await H.Synthesis.SynthesizeAsync(request, GatewayHarness.As(H.Keys.Synthesize)));
        var allowed = await H.Synthesis.SynthesizeAsync(request, GatewayHarness.As(H.Keys.Cloner));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("clone", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, allowed.AudioSeconds);
    }

    [Fact]
    public async Task Grpc_ReleaseControl_ReadsForAnyKeyMutationsForReleaseAdmin()
    {
        var client = new ReleaseControlClient(H.Gateway.Channel);

        await client.GetStatusAsync(new GetStatusRequest(), GatewayHarness.As(H.Keys.Synthesize));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.PauseAsync(new PauseRequest(), GatewayHarness.As(H.Keys.Synthesize)));
        await client.PauseAsync(new PauseRequest(), GatewayHarness.As(H.Keys.Admin));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("release-admin", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_FrontendAndEncoders_ProxiedWithCallerAndRoles()
    {
        using var analyze = new TextFrontendClient(H.Gateway.Channel).AnalyzeAsync(new AnalyzeRequest { Text = "hi" }, GatewayHarness.As(H.Keys.Synthesize));
        var analyzed = await analyze;
        var voices = await new EncodersClient(H.Gateway.Channel).ListVoicesAsync(new ListVoicesRequest(), GatewayHarness.As(H.Keys.Enroller));
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await new EncodersClient(H.Gateway.Channel).ListVoicesAsync(new ListVoicesRequest(), GatewayHarness.As(H.Keys.Synthesize)));

        Assert.Equal("frontend-echo", analyzed.Language);
        Assert.Equal(TestKeys.IdOf(H.Keys.Synthesize), analyze.GetTrailers().GetValue("echo-x-voicefleet-caller"));
        Assert.Equal("encoders-echo", voices.NextPageToken);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Grpc_UnknownMethodOfProxiedService_ReachesBackendUnimplemented()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new SynthesisClient(H.Gateway.Channel).DetectWatermarkAsync(new DetectWatermarkRequest(), GatewayHarness.As(H.Keys.Synthesize)));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Grpc_HostileHeaders_StrippedAndCallerSetByGateway()
    {
        using var call = H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(H.Keys.Synthesize, user: "u1", track: null,
            ("x-voicefleet-caller", "admin"), ("x-voicefleet-role", "release-admin"), ("x-voicefleet-model-version", "v999"), ("X-VoiceFleet-Anything", "x")));
        await call;
        var trailers = call.GetTrailers();

        Assert.Equal(TestKeys.IdOf(H.Keys.Synthesize), trailers.GetValue("echo-x-voicefleet-caller"));
        Assert.Equal("(none)", trailers.GetValue("echo-x-voicefleet-role"));
        Assert.Equal("(none)", trailers.GetValue("echo-x-voicefleet-model-version"));
        Assert.Equal("(none)", trailers.GetValue("echo-authorization"));
        Assert.Equal("u1", trailers.GetValue("echo-x-user-id"));
    }

    [Fact]
    public async Task Grpc_RateLimited_ResourceExhaustedWithRetryHint()
    {
        var key = H.Keys.Add("grpc-limited", ["synthesize"], requestsPerSecond: 0.5, burst: 2, write: true);
        await WaitForKeyAsync(key);

        RpcException? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            try
            {
                await H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(key));
            }
            catch (RpcException ex)
            {
                limited = ex;
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.True(int.Parse(limited.Trailers.GetValue("retry-after")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // On the wire: a Trailers-Only response (grpc-status in the only HEADERS frame, no body) with gRPC's pushback hint.
        using var raw = new HttpRequestMessage(HttpMethod.Post, new Uri(H.Gateway.GrpcAddress, "/voicefleet.v1.Synthesis/Synthesize"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        raw.Content.Headers.ContentType = new("application/grpc");
        raw.Headers.TryAddWithoutValidation("te", "trailers");
        raw.Headers.TryAddWithoutValidation("authorization", "Bearer " + key);
        using var response = await H.Http.SendAsync(raw);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("8", response.Headers.GetValues("grpc-status").Single());
        Assert.True(long.Parse(response.Headers.GetValues("grpc-retry-pushback-ms").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Grpc_RequestOverSynthesisLimit_ResourceExhausted()
    {
        var request = new SynthesizeRequest { Text = new string('a', 70 * 1024) };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await H.Synthesis.SynthesizeAsync(request, GatewayHarness.As(H.Keys.Synthesize)));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("limit", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_ConsoleWithBasicKey_ProxiedWithCallerAndRolesHeaderClientsCannotForge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(H.Gateway.HttpAddress, "/console/releases"));
        request.Headers.TryAddWithoutValidation("authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("console:" + H.Keys.Tester)));
        request.Headers.TryAddWithoutValidation("x-voicefleet-roles", "release-admin");
        using var response = await H.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestKeys.IdOf(H.Keys.Tester), body.GetProperty("caller").GetString());
        Assert.Equal("synthesize,tester", body.GetProperty("roles").GetString());
    }

    [Fact]
    public async Task Rest_ConsoleWithoutKey_401AsksForBasicCredentials()
    {
        using var noKey = await H.Http.SendAsync(H.Rest(HttpMethod.Get, "/console/releases", null));
        using var badBasic = new HttpRequestMessage(HttpMethod.Get, new Uri(H.Gateway.HttpAddress, "/console/releases"));
        badBasic.Headers.TryAddWithoutValidation("authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("console:vfk_000000000000.nope")));
        using var bad = await H.Http.SendAsync(badBasic);
        using var api = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/tts", null, JsonContent.Create(new { text = "hi" })));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("Basic", noKey.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Empty(api.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Rest_ConsolePosts_ListenAndPlaygroundNeedSynthesizeActionsNeedReleaseAdmin()
    {
        using var listen = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/console/api/listen/trials", H.Keys.Synthesize, JsonContent.Create(new { })));
        using var play = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/console/api/playground", H.Keys.Enroller, JsonContent.Create(new { })));
        using var abort = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/console/api/releases/current/abort", H.Keys.Synthesize, JsonContent.Create(new { })));
        using var adminAbort = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/console/api/releases/current/abort", H.Keys.Admin, JsonContent.Create(new { })));

        Assert.Equal(HttpStatusCode.OK, listen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, play.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, abort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminAbort.StatusCode);
        Assert.Contains("release-admin", (await adminAbort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_NoKeyAndWrongRole_401And403JsonErrors()
    {
        using var noKey = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/tts", null, JsonContent.Create(new { text = "hi" })));
        using var wrongRole = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/tts", H.Keys.Enroller, JsonContent.Create(new { text = "hi" })));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await noKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await wrongRole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Rest_Tts_ProxiedOverHttp1WithTrackAndStrippedHeaders()
    {
        using var request = H.Rest(HttpMethod.Post, "/v1/tts", H.Keys.Synthesize, JsonContent.Create(new { text = "hi" }));
        request.Headers.Add("x-voicefleet-role", "release-admin");
        request.Headers.Add("x-voicefleet-track", "canary");
        using var response = await H.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("blue", body.GetProperty("slot").GetString());
        Assert.Equal("stable", body.GetProperty("track").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("role").ValueKind);
        Assert.Equal(TestKeys.IdOf(H.Keys.Synthesize), body.GetProperty("caller").GetString());
        Assert.Equal("stable", response.Headers.GetValues("x-voicefleet-track").Single());
    }

    [Fact]
    public async Task Rest_TtsWithReferenceAudio_NeedsCloneRole()
    {
        var json = new { text = "hi", voice = new { reference = new { audio = "UklGRg==" } } };

        using var denied = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/tts", H.Keys.Synthesize, JsonContent.Create(json)));
        using var allowed = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/tts", H.Keys.Cloner, JsonContent.Create(json)));
        using var multipart = new MultipartFormDataContent { { new StringContent("hi"), "text" }, { new ByteArrayContent([1, 2, 3]), "ref", "clip.wav" } };
        using var deniedMultipart = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/audio/speech", H.Keys.Synthesize, multipart));

        using var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"text\":\"hi\",\"reference_audio\":\"UklGRg==\"}"));
        using var deniedUntyped = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/tts", H.Keys.Synthesize, untyped));
        using var plain = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"text\":\"hi\"}"));
        using var allowedUntyped = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/tts", H.Keys.Synthesize, plain));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deniedMultipart.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deniedUntyped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowedUntyped.StatusCode);
    }

    [Fact]
    public async Task Rest_RateLimited_429WithRetryAfter()
    {
        HttpStatusCode last = HttpStatusCode.OK;
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/text/analyze", H.Keys.Limited, JsonContent.Create(new { text = "hi" })));
            last = response.StatusCode;
            if (last == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using (limited)
        {
            Assert.NotNull(limited);
            Assert.NotNull(limited.Headers.RetryAfter?.Delta);
            Assert.Equal("RESOURCE_EXHAUSTED", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Rest_OtherServices_RoutedWithRoles()
    {
        using var analyze = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/text/analyze", H.Keys.Synthesize, JsonContent.Create(new { text = "hi" })));
        using var voices = await H.Http.SendAsync(H.Rest(HttpMethod.Get, "/v1/voices", H.Keys.Enroller));
        using var voicesDenied = await H.Http.SendAsync(H.Rest(HttpMethod.Get, "/v1/voices", H.Keys.Synthesize));
        using var emotions = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/emotions/analyze", H.Keys.Synthesize, JsonContent.Create(new { description = "calm" })));
        using var releases = await H.Http.SendAsync(H.Rest(HttpMethod.Get, "/v1/releases", H.Keys.Synthesize));
        using var startDenied = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/releases", H.Keys.Synthesize, JsonContent.Create(new { })));
        using var start = await H.Http.SendAsync(H.Rest(HttpMethod.Post, "/v1/releases", H.Keys.Admin, JsonContent.Create(new { })));

        Assert.Equal("frontend", (await analyze.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("service").GetString());
        Assert.Equal("encoders", (await voices.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("service").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, voicesDenied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, emotions.StatusCode);
        Assert.Equal(TestKeys.IdOf(H.Keys.Synthesize), (await releases.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caller").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, startDenied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
    }

    [Fact]
    public async Task Keys_FileChanged_NewKeyAcceptedWithoutRestart()
    {
        var key = H.Keys.Add("added-later", ["synthesize"], write: true);

        await WaitForKeyAsync(key);
        var reply = await H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(key));

        Assert.Equal(1, reply.AudioSeconds);
    }

    [Fact]
    public async Task Metrics_AfterProxiedTraffic_GatewayFamiliesPerTrackAndPromtoolClean()
    {
        await H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(H.Keys.Synthesize));
        await Assert.ThrowsAsync<RpcException>(async () => await H.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(null)));
        using (await H.Http.SendAsync(H.Rest(HttpMethod.Get, "/v1/releases", H.Keys.Synthesize)))
        {
        }

        var body = await H.MetricsAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, body);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var (exitCode, output) = await Promtool.CheckMetricsAsync(file, timeout.Token);
            Assert.True(exitCode == 0 && string.IsNullOrWhiteSpace(output), $"promtool check metrics failed ({exitCode}): {output}");
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Contains("voicefleet_gateway_requests_total{grpc_code=\"OK\",grpc_method=\"voicefleet.v1.Synthesis/Synthesize\",model_version=\"v1\",service=\"gateway\",track=\"stable\"}", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_requests_total{grpc_code=\"OK\",grpc_method=\"rest/v1/releases\",model_version=\"none\",service=\"gateway\",track=\"none\"}", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_request_duration_seconds_bucket{", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_in_flight{service=\"gateway\",track=\"stable\"} 0", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_request_bytes_total{", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_response_bytes_total{", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_rejected_total{reason=\"unauthenticated\",service=\"gateway\"}", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_routing_revision{service=\"gateway\"} 1", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_gateway_canary_weight_basis_points{service=\"gateway\"} 0", body, StringComparison.Ordinal);
        Assert.DoesNotContain("x-user-id", body, StringComparison.Ordinal);
    }

    private async Task WaitForKeyAsync(string key)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                await new ReleaseControlClient(H.Gateway.Channel).GetStatusAsync(new GetStatusRequest(), GatewayHarness.As(key));
                return;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
    }

    public sealed class Fixture : IAsyncLifetime
    {
        internal GatewayHarness Harness { get; private set; } = null!;

        public async Task InitializeAsync() => Harness = await GatewayHarness.StartAsync(0, "--Gateway:Limits:MaxSynthesisRequestBytes=65536");

        public async Task DisposeAsync() => await Harness.DisposeAsync();
    }
}

using System.Net;
using System.Net.Http.Headers;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;
using Xunit;

namespace VoiceFleet.Testing;

/// <summary>
/// What every VoiceFleet service must do from its first day, checked on the real service on
/// loopback: health SERVING over gRPC, /healthz and /readyz, a /metrics that promtool accepts, and
/// an explicit UNIMPLEMENTED (never a crash or a hang) for each method that is not built yet.
/// Each service's test project derives from this once.
/// </summary>
public abstract class ServiceConformanceTests : IAsyncLifetime
{
    private RunningService? _service;

    /// <summary>Builds the service under test from its arguments (its <c>XxxApp.Build</c>).</summary>
    protected abstract Func<string[], WebApplication> Build { get; }

    /// <summary>The gRPC services the service maps besides health.</summary>
    protected abstract IReadOnlyList<IGrpcService> ExpectedServices { get; }

    /// <summary>Methods that are implemented, so not expected to answer UNIMPLEMENTED (full names).</summary>
    protected virtual IReadOnlySet<string> ImplementedMethods { get; } = new HashSet<string>();

    protected RunningService Service => _service ?? throw new InvalidOperationException("The service is not running.");

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(Build);

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task HealthCheck_Started_ServerAndEachServiceServing()
    {
        var client = new HealthClient(Service.Channel);

        var overall = await client.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        foreach (var service in ExpectedServices)
        {
            var name = service.BindService().ServiceName;
            var response = await client.CheckAsync(new HealthCheckRequest { Service = name });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    [Fact]
    public async Task HealthCheck_UnknownService_NotFound()
    {
        var client = new HealthClient(Service.Channel);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task HealthWatch_Started_FirstMessageServing()
    {
        var client = new HealthClient(Service.Channel);
        using var call = client.Watch(new HealthCheckRequest());

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task HttpProbes_Started_HealthzAndReadyzAnswerOk()
    {
        using var http = new HttpClient { BaseAddress = Service.HttpAddress };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Methods_NotYetImplemented_AnswerUnimplementedWithMessage()
    {
        using var http = new HttpClient();
        foreach (var binding in ExpectedServices.SelectMany(s => s.BindService().Methods))
        {
            if (ImplementedMethods.Contains(binding.Method.FullName))
            {
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Service.GrpcAddress, binding.Method.FullName))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent([0, 0, 0, 0, 0]),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.TryAddWithoutValidation("te", "trailers");

            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();

            var status = response.Headers.TryGetValues("grpc-status", out var h) ? h.Single()
                : response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.Single() : null;
            Assert.True(status == "12", $"{binding.Method.FullName} answered grpc-status {status ?? "(none)"}, expected 12 (UNIMPLEMENTED).");
        }
    }

    [Fact]
    public async Task Metrics_AfterCalls_PromtoolAcceptsExposition()
    {
        // Make some RPC traffic first so the RPC families are present.
        var client = new HealthClient(Service.Channel);
        await client.CheckAsync(new HealthCheckRequest());
        await Assert.ThrowsAsync<RpcException>(async () => await client.CheckAsync(new HealthCheckRequest { Service = "missing" }));
        using var http = new HttpClient { BaseAddress = Service.HttpAddress };

        var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, body);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var (exitCode, output) = await Promtool.CheckMetricsAsync(file, timeout.Token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("voicefleet_rpc_server_requests_total{", body, StringComparison.Ordinal);
            Assert.Contains("grpc_code=\"NOT_FOUND\"", body, StringComparison.Ordinal);
            Assert.True(exitCode == 0 && string.IsNullOrWhiteSpace(output), $"promtool check metrics failed ({exitCode}): {output}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

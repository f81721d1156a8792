using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Configuration;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Gates;

/// <summary>Both metrics sources against real HTTP servers on loopback: scraped expositions and a Prometheus-API stand-in.</summary>
public sealed class MetricsSourceTests : IAsyncLifetime
{
    private WebApplication? _app;
    private string _exposition = string.Empty;
    private readonly List<string> _queries = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/metrics", () => Results.Text(_exposition));
        _app.MapGet("/api/v1/query", (HttpContext context) =>
        {
            var query = context.Request.Query["query"].ToString();
            lock (_queries)
            {
                _queries.Add(query);
            }

            var value = query.Contains("track=\"canary\"", StringComparison.Ordinal) ? 120 : 900;
            var result = query.StartsWith("sum by (le)", StringComparison.Ordinal)
                ? $$"""[{"metric":{"le":"0.1"},"value":[1,"{{value / 2}}"]},{"metric":{"le":"+Inf"},"value":[1,"{{value}}"]}]"""
                : $$"""[{"metric":{},"value":[1,"{{(query.Contains("grpc_code", StringComparison.Ordinal) ? 3 : value)}}"]}]""";
            return Results.Text("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}", "application/json");
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    private string Address => _app!.Urls.First();

    [Fact]
    public async Task Scrape_TwoScrapes_DifferencesPerTrackWithResets()
    {
        var source = new ScrapeMetricsSource(new Factory(), Options.Create(new AnalysisOptions { SynthesisTargets = [$"{Address}/metrics"] }));
        _exposition = Exposition(canaryOk: 10, canaryErrors: 1, stableOk: 100, canaryRtfLow: 5);
        await source.BeginWindowAsync(CancellationToken.None);
        _exposition = Exposition(canaryOk: 70, canaryErrors: 4, stableOk: 400, canaryRtfLow: 40);

        var window = await source.CollectAsync(TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Empty(window.Problems);
        Assert.Equal((63.0, 3.0), (window.Canary.Requests, window.Canary.Errors));
        Assert.Equal(300.0, window.Stable.Requests);
        Assert.Equal(35.0, window.Canary.Rtf.Buckets[0].Count);
    }

    [Fact]
    public async Task Scrape_NegativeHistogramSumGoesDown_WindowMeanNotTakenForAReset()
    {
        // Loudness is negative (LUFS): its histogram's _sum falls with every output, while _count rises.
        var source = new ScrapeMetricsSource(new Factory(), Options.Create(new AnalysisOptions { SynthesisTargets = [$"{Address}/metrics"] }));
        _exposition = Loudness(sum: -2000, count: 100);
        await source.BeginWindowAsync(CancellationToken.None);
        _exposition = Loudness(sum: -2420, count: 120);

        var window = await source.CollectAsync(TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(20.0, window.Stable.LoudnessCount);
        Assert.Equal(-21.0, window.Stable.LoudnessSum / window.Stable.LoudnessCount, 6);

        // A real reset (the process restarted): _count went down too, so the new values are the window's.
        _exposition = Loudness(sum: -105, count: 5);
        window = await source.CollectAsync(TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal((-105.0, 5.0), (window.Stable.LoudnessSum, window.Stable.LoudnessCount));
    }

    private static string Loudness(double sum, double count) => string.Create(CultureInfo.InvariantCulture, $$"""
        # TYPE voicefleet_synthesis_quality_loudness_lufs histogram
        voicefleet_synthesis_quality_loudness_lufs_sum{model_version="v21",service="synthesis",track="stable"} {{sum}}
        voicefleet_synthesis_quality_loudness_lufs_count{model_version="v21",service="synthesis",track="stable"} {{count}}
        """);

    [Fact]
    public async Task Scrape_UnreachableTarget_ReportedAsProblem()
    {
        var source = new ScrapeMetricsSource(new Factory(), Options.Create(new AnalysisOptions { GatewayTargets = ["http://127.0.0.1:9/metrics"] }));
        await source.BeginWindowAsync(CancellationToken.None);

        var window = await source.CollectAsync(TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Single(window.Problems);
        Assert.Equal(0.0, window.Canary.Requests);
    }

    [Fact]
    public async Task Prometheus_Templates_RenderedPerTrackAndRead()
    {
        var options = new AnalysisOptions { PrometheusUrl = Address };
        options.Queries["gateway_requests"] = "sum(increase(my_gateway_total{track=\"{track}\"}[{window}]))";
        var source = new PrometheusApiMetricsSource(new Factory(), Options.Create(options));

        var window = await source.CollectAsync(TimeSpan.FromMinutes(2), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Empty(window.Problems);
        Assert.Equal((120.0, 3.0, 120.0), (window.Canary.Requests, window.Canary.Errors, window.Canary.Rtf.Count));
        Assert.Equal(900.0, window.Stable.Requests);
        Assert.Contains("sum(increase(my_gateway_total{track=\"canary\"}[120s]))", _queries);
        Assert.Contains(_queries, q => q.Contains("grpc_code=~\"UNKNOWN|DEADLINE_EXCEEDED", StringComparison.Ordinal));
    }

    private static string Exposition(int canaryOk, int canaryErrors, int stableOk, int canaryRtfLow) => string.Create(CultureInfo.InvariantCulture, $$"""
        # TYPE voicefleet_synthesis_requests_total counter
        voicefleet_synthesis_requests_total{grpc_code="OK",model_version="v23",service="synthesis",track="canary"} {{canaryOk}}
        voicefleet_synthesis_requests_total{grpc_code="INTERNAL",model_version="v23",service="synthesis",track="canary"} {{canaryErrors}}
        voicefleet_synthesis_requests_total{grpc_code="INVALID_ARGUMENT",model_version="v23",service="synthesis",track="canary"} 1
        voicefleet_synthesis_requests_total{grpc_code="OK",model_version="v21",service="synthesis",track="stable"} {{stableOk}}
        voicefleet_synthesis_requests_total{grpc_code="OK",model_version="v21",service="synthesis",track="direct"} 999
        voicefleet_synthesis_real_time_factor_bucket{le="0.1",model_version="v23",service="synthesis",track="canary"} {{canaryRtfLow}}
        voicefleet_synthesis_real_time_factor_bucket{le="+Inf",model_version="v23",service="synthesis",track="canary"} {{canaryOk}}
        """);

    private sealed class Factory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

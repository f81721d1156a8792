using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Hosting.Metrics;

namespace VoiceFleet.Hosting.Tests;

public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MapPrometheusMetrics_RealKestrel_ServesExpositionThatPromtoolAccepts()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var meterName = "VoiceFleet.Endpoint." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPrometheusMetrics(options =>
        {
            options.MeterPrefixes.Clear();
            options.MeterPrefixes.Add(meterName);
            options.ConstantLabels["service"] = "gateway";
            options.MaxSeriesPerInstrument = 3;
        });
        await using var app = builder.Build();
        app.MapPrometheusMetrics("/metrics");
        await app.StartAsync(timeout.Token);

        RecordSampleMetrics(app.Services.GetRequiredService<IMeterFactory>().Create(meterName));

        using var client = new HttpClient { BaseAddress = new Uri(ListeningAddress(app)) };
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("voicefleet_rpc_server_requests_total{grpc_code=\"OK\",grpc_method=\"/voicefleet.v1.Synthesis/Say\",service=\"gateway\"} 2\n", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_rpc_server_duration_seconds_bucket{grpc_method=\"/voicefleet.v1.Synthesis/Say\",service=\"gateway\",le=\"+Inf\"} 2\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_seconds_total counter\n", body, StringComparison.Ordinal);
        Assert.Contains("voicefleet_metrics_dropped_measurements_total{metric=\"voicefleet_shard_requests_total\",service=\"gateway\"} 2\n", body, StringComparison.Ordinal);

        var file = Path.Combine(Path.GetTempPath(), $"voicefleet-metrics-{Guid.NewGuid():N}.prom");
        await File.WriteAllTextAsync(file, body, timeout.Token);
        try
        {
            var (exitCode, output) = await Promtool.CheckMetricsAsync(file, timeout.Token);
            Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- exposition ---\n{body}");
        }
        finally
        {
            File.Delete(file);
        }

        await app.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task CheckMetricsAsync_BrokenExposition_PromtoolReportsIt()
    {
        // Guards the test above: a checker that accepted anything would prove nothing.
        using var timeout = new CancellationTokenSource(Timeout);
        var file = Path.Combine(Path.GetTempPath(), $"voicefleet-broken-{Guid.NewGuid():N}.prom");
        await File.WriteAllTextAsync(file, "# TYPE requests counter\nrequests{code=\"OK\" 1\n", timeout.Token);
        try
        {
            var (exitCode, output) = await Promtool.CheckMetricsAsync(file, timeout.Token);

            Assert.NotEqual(0, exitCode);
            Assert.NotEmpty(output.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AddPrometheusMetrics_MeasurementBeforeFirstScrape_IsCounted()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var meterName = "VoiceFleet.Early." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPrometheusMetrics(options => options.IncludeProcessMetrics = false);
        await using var app = builder.Build();
        app.MapPrometheusMetrics();
        await app.StartAsync(timeout.Token);

        // Recorded after start but before anyone asked for the exporter.
        app.Services.GetRequiredService<IMeterFactory>().Create(meterName).CreateCounter<int>("voicefleet_early_" + meterName[^8..]).Add(1);

        using var client = new HttpClient { BaseAddress = new Uri(ListeningAddress(app)) };
        var body = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), timeout.Token);

        Assert.Contains($"voicefleet_early_{meterName[^8..]}_total 1\n", body, StringComparison.Ordinal);
        await app.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task AddPrometheusMetrics_InvalidOptions_HostFailsToStart()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPrometheusMetrics(options => options.ConstantLabels["__name__"] = "x");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(timeout.Token));

        Assert.Contains("__name__", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPrometheusMetrics_WithoutAddPrometheusMetrics_ThrowsAtMapping()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPrometheusMetrics());

        Assert.Contains("AddPrometheusMetrics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessMetrics_Enabled_ExportsProcessAndRuntimeFamilies()
    {
        using var exporter = new PrometheusExporter(Options.Create(new PrometheusExporterOptions()));

        var text = exporter.Scrape();

        foreach (var family in new[]
        {
            "process_cpu_seconds_total counter",
            "process_resident_memory_bytes gauge",
            "process_virtual_memory_bytes gauge",
            "process_start_time_seconds gauge",
            "process_open_fds gauge",
            "voicefleet_process_gc_collections_total counter",
            "voicefleet_process_gc_heap_bytes gauge",
            "voicefleet_process_threadpool_queue_length gauge",
            "voicefleet_process_threadpool_threads gauge",
        })
        {
            Assert.Single(text.Split('\n'), line => line == "# TYPE " + family);
        }

        Assert.Contains("voicefleet_process_gc_collections_total{generation=\"gen2\"} ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessMetrics_TinySeriesCap_AreNotCapped()
    {
        using var exporter = new PrometheusExporter(Options.Create(new PrometheusExporterOptions { MaxSeriesPerInstrument = 1 }));

        var text = exporter.Scrape();

        Assert.Equal(3, text.Split('\n').Count(line => line.StartsWith("voicefleet_process_gc_collections_total{", StringComparison.Ordinal)));
        Assert.DoesNotContain("voicefleet_metrics_dropped_measurements_total{metric=\"voicefleet_process", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessMetrics_TwoExporters_EachExportsProcessOnce()
    {
        using var first = new PrometheusExporter(Options.Create(new PrometheusExporterOptions()));
        using var second = new PrometheusExporter(Options.Create(new PrometheusExporterOptions()));

        var text = second.Scrape();

        Assert.Single(text.Split('\n'), line => line.StartsWith("process_cpu_seconds_total ", StringComparison.Ordinal));
        Assert.Single(text.Split('\n'), line => line.StartsWith("process_resident_memory_bytes ", StringComparison.Ordinal));
    }

    private static void RecordSampleMetrics(Meter meter)
    {
        var method = new KeyValuePair<string, object?>("grpc_method", "/voicefleet.v1.Synthesis/Say");
        var requests = meter.CreateCounter<long>("voicefleet.rpc.server.requests", description: "RPCs handled, by method and status code.");
        requests.Add(1, method, new KeyValuePair<string, object?>("grpc_code", "OK"));
        requests.Add(1, method, new KeyValuePair<string, object?>("grpc_code", "OK"));
        requests.Add(1, method, new KeyValuePair<string, object?>("grpc_code", "UNAVAILABLE"));

        var duration = meter.CreateHistogram<double>("voicefleet.rpc.server.duration_seconds", unit: "s", description: "RPC duration in seconds.");
        duration.Record(0.012, method);
        duration.Record(0.4, method);

        meter.CreateUpDownCounter<int>("voicefleet_rpc_server_in_flight", description: "RPCs being handled.").Add(1);
        meter.CreateGauge<double>("voicefleet_canary_weight_ratio", description: "Share of traffic sent to the canary.").Record(0.05, new KeyValuePair<string, object?>("track", "green"));
        meter.CreateObservableGauge("voicefleet_batch_queue_depth", () => 4, description: "Requests waiting for a batch.");
        meter.CreateObservableCounter("voicefleet_cache_hits", () => 10L, description: "Embedding cache hits.");
        meter.CreateCounter<int>("voicefleet_odd_labels", description: "Label values that need \"escaping\" \\ and\nnewlines.")
            .Add(1, new KeyValuePair<string, object?>("text", "a \"quoted\" back\\slash\nnewline"));

        var shards = meter.CreateCounter<int>("voicefleet_shard_requests", description: "Requests by shard, capped to three series here.");
        for (var shard = 0; shard < 5; shard++)
        {
            shards.Add(1, new KeyValuePair<string, object?>("shard", shard));
        }
    }

    private static string ListeningAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}

using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Tests;

public sealed class InstrumentKindTests
{
    [Fact]
    public void Scrape_Counter_WritesCounterFamilyWithTotalSuffix()
    {
        using var harness = new ExporterHarness();
        var counter = harness.Meter.CreateCounter<long>("voicefleet.rpc.server.requests", description: "RPCs handled.");

        counter.Add(2, new KeyValuePair<string, object?>("grpc_code", "OK"));
        counter.Add(3, new KeyValuePair<string, object?>("grpc_code", "OK"));
        counter.Add(1, new KeyValuePair<string, object?>("grpc_code", "UNAVAILABLE"));

        Assert.Equal(
            """
            # HELP voicefleet_rpc_server_requests_total RPCs handled.
            # TYPE voicefleet_rpc_server_requests_total counter
            voicefleet_rpc_server_requests_total{grpc_code="OK"} 5
            voicefleet_rpc_server_requests_total{grpc_code="UNAVAILABLE"} 1

            """.ReplaceLineEndings("\n"),
            harness.Scrape());
    }

    [Fact]
    public void Scrape_CounterNameEndingInTotal_KeepsSingleSuffix()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<int>("voicefleet_errors_total").Add(1);

        Assert.Contains("voicefleet_errors_total 1\n", harness.Scrape(), StringComparison.Ordinal);
        Assert.DoesNotContain("_total_total", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_CounterWithNegativeOrNaNIncrement_IgnoresIt()
    {
        using var harness = new ExporterHarness();
        var counter = harness.Meter.CreateCounter<double>("voicefleet_audio_seconds");

        counter.Add(1.5);
        counter.Add(-1);
        counter.Add(double.NaN);

        Assert.Contains("voicefleet_audio_seconds_total 1.5\n", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_UpDownCounter_WritesGaugeWithRunningSum()
    {
        using var harness = new ExporterHarness();
        var inFlight = harness.Meter.CreateUpDownCounter<int>("voicefleet_rpc_server_in_flight", description: "RPCs in flight.");

        inFlight.Add(3);
        inFlight.Add(-1);

        Assert.Equal(
            """
            # HELP voicefleet_rpc_server_in_flight RPCs in flight.
            # TYPE voicefleet_rpc_server_in_flight gauge
            voicefleet_rpc_server_in_flight 2

            """.ReplaceLineEndings("\n"),
            harness.Scrape());
    }

    [Fact]
    public void Scrape_Gauge_WritesLastRecordedValue()
    {
        using var harness = new ExporterHarness();
        var weight = harness.Meter.CreateGauge<double>("voicefleet_canary_weight_ratio", description: "Canary share of traffic.");

        weight.Record(0.05, new KeyValuePair<string, object?>("track", "green"));
        weight.Record(0.2, new KeyValuePair<string, object?>("track", "green"));

        Assert.Equal(
            """
            # HELP voicefleet_canary_weight_ratio Canary share of traffic.
            # TYPE voicefleet_canary_weight_ratio gauge
            voicefleet_canary_weight_ratio{track="green"} 0.2

            """.ReplaceLineEndings("\n"),
            harness.Scrape());
    }

    [Fact]
    public void Scrape_ObservableGauge_WritesValuesReportedByCallback()
    {
        using var harness = new ExporterHarness();
        var depth = 7;
        harness.Meter.CreateObservableGauge("voicefleet_batch_queue_depth", () => new Measurement<int>(depth, new KeyValuePair<string, object?>("model_version", "v21")), description: "Requests waiting for a batch.");

        var first = harness.Scrape();
        depth = 3;
        var second = harness.Scrape();

        Assert.Contains("# TYPE voicefleet_batch_queue_depth gauge\n", first, StringComparison.Ordinal);
        Assert.Contains("voicefleet_batch_queue_depth{model_version=\"v21\"} 7\n", first, StringComparison.Ordinal);
        Assert.Contains("voicefleet_batch_queue_depth{model_version=\"v21\"} 3\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ObservableGaugeStopsReportingLabelSet_DropsThatSeries()
    {
        using var harness = new ExporterHarness();
        var tracks = new List<string> { "blue", "green" };
        harness.Meter.CreateObservableGauge("voicefleet_track_up", () => tracks.Select(t => new Measurement<int>(1, new KeyValuePair<string, object?>("track", t))).ToList());

        var before = harness.Scrape();
        tracks.Remove("green");
        var after = harness.Scrape();

        Assert.Contains("track=\"green\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("track=\"green\"", after, StringComparison.Ordinal);
        Assert.Contains("voicefleet_track_up{track=\"blue\"} 1\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ObservableCounter_WritesCounterWithReportedTotal()
    {
        using var harness = new ExporterHarness();
        long total = 41;
        harness.Meter.CreateObservableCounter("voicefleet.cache.hits", () => ++total, description: "Embedding cache hits.");

        Assert.Equal(
            """
            # HELP voicefleet_cache_hits_total Embedding cache hits.
            # TYPE voicefleet_cache_hits_total counter
            voicefleet_cache_hits_total 42

            """.ReplaceLineEndings("\n"),
            harness.Scrape());
    }

    [Fact]
    public void Scrape_ObservableUpDownCounter_WritesGauge()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateObservableUpDownCounter("voicefleet_enrolled_voices", () => 12L);

        Assert.Equal(
            """
            # TYPE voicefleet_enrolled_voices gauge
            voicefleet_enrolled_voices 12

            """.ReplaceLineEndings("\n"),
            harness.Scrape());
    }

    [Fact]
    public void Scrape_Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        using var harness = new ExporterHarness(o => o.HistogramBucketBoundaries = [0.125, 0.5, 1]);
        var duration = harness.Meter.CreateHistogram<double>("voicefleet.rpc.server.duration_seconds", description: "RPC duration.");
        var tag = new KeyValuePair<string, object?>("grpc_method", "Say");

        foreach (var value in new[] { 0.0625, 0.125, 0.25, 0.75, 2.0 })
        {
            duration.Record(value, tag);
        }

        Assert.Equal(
            """
            # HELP voicefleet_rpc_server_duration_seconds RPC duration.
            # TYPE voicefleet_rpc_server_duration_seconds histogram
            voicefleet_rpc_server_duration_seconds_bucket{grpc_method="Say",le="0.125"} 2
            voicefleet_rpc_server_duration_seconds_bucket{grpc_method="Say",le="0.5"} 3
            voicefleet_rpc_server_duration_seconds_bucket{grpc_method="Say",le="1"} 4
            voicefleet_rpc_server_duration_seconds_bucket{grpc_method="Say",le="+Inf"} 5
            voicefleet_rpc_server_duration_seconds_sum{grpc_method="Say"} 3.1875
            voicefleet_rpc_server_duration_seconds_count{grpc_method="Say"} 5

            """.ReplaceLineEndings("\n"),
            harness.Scrape());
    }

    [Fact]
    public void Scrape_HistogramWithoutAdvice_UsesDefaultSecondsBuckets()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateHistogram<double>("voicefleet_step_seconds").Record(0.003);

        var text = harness.Scrape();

        Assert.Contains("voicefleet_step_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_step_seconds_bucket{le=\"10\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_step_seconds_bucket{le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(15, text.Split('\n').Count(line => line.StartsWith("voicefleet_step_seconds_bucket", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scrape_HistogramWithAdvice_UsesAdvisedBuckets()
    {
        using var harness = new ExporterHarness();
        var sizes = harness.Meter.CreateHistogram<int>(
            "voicefleet_batch_size",
            unit: null,
            description: "Requests per batch.",
            tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8] });

        sizes.Record(3);
        sizes.Record(9);

        var text = harness.Scrape();

        Assert.Contains(
            """
            voicefleet_batch_size_bucket{le="1"} 0
            voicefleet_batch_size_bucket{le="2"} 0
            voicefleet_batch_size_bucket{le="4"} 1
            voicefleet_batch_size_bucket{le="8"} 1
            voicefleet_batch_size_bucket{le="+Inf"} 2
            voicefleet_batch_size_sum 12
            voicefleet_batch_size_count 2

            """.ReplaceLineEndings("\n"),
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_HistogramWithLeTag_DropsTagInFavourOfBucketLabel()
    {
        using var harness = new ExporterHarness(o => o.HistogramBucketBoundaries = [1]);
        harness.Meter.CreateHistogram<double>("voicefleet_x_seconds").Record(0.5, new KeyValuePair<string, object?>("le", "oops"));

        Assert.Contains("voicefleet_x_seconds_bucket{le=\"1\"} 1\n", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_HistogramRecordsNaN_IgnoresIt()
    {
        using var harness = new ExporterHarness(o => o.HistogramBucketBoundaries = [1]);
        var histogram = harness.Meter.CreateHistogram<double>("voicefleet_y_seconds");

        histogram.Record(double.NaN);
        histogram.Record(2);

        var text = harness.Scrape();
        Assert.Contains("voicefleet_y_seconds_sum 2\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_y_seconds_count 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_AllNumericTypes_AreExported()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<byte>("b").Add(1);
        harness.Meter.CreateCounter<short>("s").Add(2);
        harness.Meter.CreateCounter<int>("i").Add(3);
        harness.Meter.CreateCounter<long>("l").Add(4);
        harness.Meter.CreateCounter<float>("f").Add(0.5f);
        harness.Meter.CreateCounter<double>("d").Add(0.25);
        harness.Meter.CreateCounter<decimal>("m").Add(1.75m);

        var text = harness.Scrape();

        foreach (var sample in new[] { "b_total 1", "s_total 2", "i_total 3", "l_total 4", "f_total 0.5", "d_total 0.25", "m_total 1.75" })
        {
            Assert.Contains(sample + "\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Scrape_InstrumentNeverRecorded_WritesNoFamily()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<long>("voicefleet_idle");

        Assert.Equal(string.Empty, harness.Scrape());
    }
}

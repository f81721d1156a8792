using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Tests;

public sealed class LimitsAndConcurrencyTests
{
    [Fact]
    public void Scrape_MoreLabelSetsThanCap_KeepsCapAndCountsDroppedMeasurements()
    {
        using var harness = new ExporterHarness(o => o.MaxSeriesPerInstrument = 3);
        var counter = harness.Meter.CreateCounter<int>("voicefleet_capped");

        for (var round = 0; round < 2; round++)
        {
            for (var user = 0; user < 5; user++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("shard", user));
            }
        }

        var text = harness.Scrape();

        var series = text.Split('\n').Where(line => line.StartsWith("voicefleet_capped_total{", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["voicefleet_capped_total{shard=\"0\"} 2", "voicefleet_capped_total{shard=\"1\"} 2", "voicefleet_capped_total{shard=\"2\"} 2"], series);
        Assert.Contains("# TYPE voicefleet_metrics_dropped_measurements_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_metrics_dropped_measurements_total{metric=\"voicefleet_capped_total\"} 4\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_UnboundedLabelValuesBeyondCap_StaysBoundedAndCountsEveryDrop()
    {
        using var harness = new ExporterHarness(o => o.MaxSeriesPerInstrument = 10);
        var histogram = harness.Meter.CreateHistogram<double>("voicefleet_unbounded_seconds");

        for (var i = 0; i < 10_000; i++)
        {
            histogram.Record(0.1, new KeyValuePair<string, object?>("request", i));
        }

        var text = harness.Scrape();

        Assert.Equal(10, text.Split('\n').Count(line => line.StartsWith("voicefleet_unbounded_seconds_count{", StringComparison.Ordinal)));
        Assert.Contains("voicefleet_metrics_dropped_measurements_total{metric=\"voicefleet_unbounded_seconds\"} 9990\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ObservableReportingMoreThanCap_KeepsCap()
    {
        using var harness = new ExporterHarness(o => o.MaxSeriesPerInstrument = 2);
        harness.Meter.CreateObservableGauge("voicefleet_observed", () => Enumerable.Range(0, 5).Select(i => new Measurement<int>(i, new KeyValuePair<string, object?>("i", i))));

        var text = harness.Scrape();

        Assert.Equal(2, text.Split('\n').Count(line => line.StartsWith("voicefleet_observed{", StringComparison.Ordinal)));
        Assert.Contains("voicefleet_metrics_dropped_measurements_total{metric=\"voicefleet_observed\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_ManyThreadsConcurrently_TotalsAreExact()
    {
        const int Threads = 8;
        const int PerThread = 50_000;
        using var harness = new ExporterHarness(o => o.HistogramBucketBoundaries = [0.5, 1]);
        var counter = harness.Meter.CreateCounter<long>("voicefleet_concurrent");
        var sum = harness.Meter.CreateUpDownCounter<double>("voicefleet_concurrent_sum");
        var histogram = harness.Meter.CreateHistogram<double>("voicefleet_concurrent_seconds");
        var tracks = new[] { "blue", "green", "red", "white" };
        using var start = new Barrier(Threads + 1);

        var workers = Enumerable.Range(0, Threads).Select(worker => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < PerThread; i++)
                {
                    var track = new KeyValuePair<string, object?>("track", tracks[(worker + i) % tracks.Length]);
                    counter.Add(1, track);
                    sum.Add(0.5, track);
                    histogram.Record(i % 2 == 0 ? 0.25 : 0.75, track);

                    // A scrape now and then must neither block nor corrupt recording.
                    if (worker == 0 && i % 10_000 == 0)
                    {
                        _ = harness.Scrape();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        start.SignalAndWait();
        await Task.WhenAll(workers);

        var lines = harness.Scrape().Split('\n');
        var perTrack = Threads * PerThread / tracks.Length;
        foreach (var track in tracks)
        {
            Assert.Contains($"voicefleet_concurrent_total{{track=\"{track}\"}} {perTrack}", lines);
            Assert.Contains($"voicefleet_concurrent_sum{{track=\"{track}\"}} {perTrack / 2}", lines);
            Assert.Contains($"voicefleet_concurrent_seconds_bucket{{track=\"{track}\",le=\"0.5\"}} {perTrack / 2}", lines);
            Assert.Contains($"voicefleet_concurrent_seconds_count{{track=\"{track}\"}} {perTrack}", lines);
            Assert.Contains($"voicefleet_concurrent_seconds_sum{{track=\"{track}\"}} {perTrack / 2}", lines);
        }
    }

    [Fact]
    public void Record_KnownLabelSet_DoesNotAllocate()
    {
        using var harness = new ExporterHarness();
        var counter = harness.Meter.CreateCounter<long>("voicefleet_hot");
        var histogram = harness.Meter.CreateHistogram<double>("voicefleet_hot_seconds");
        var gauge = harness.Meter.CreateGauge<int>("voicefleet_hot_level");
        var method = new KeyValuePair<string, object?>("grpc_method", "Synthesize");
        var code = new KeyValuePair<string, object?>("grpc_code", "OK");
        // Warm up past tiered compilation so one-off JIT and OSR bookkeeping is not
        // counted; a real per-record allocation is at least 24 bytes per call, so the
        // bound below (under one byte per call) separates the two without flaking.
        const int Iterations = 10_000;
        RecordAll(counter, histogram, gauge, method, code, 5 * Iterations);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RecordAll(counter, histogram, gauge, method, code, Iterations);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < Iterations, $"{allocated} bytes allocated over {Iterations * 4} records");
    }

    private static void RecordAll(
        Counter<long> counter,
        Histogram<double> histogram,
        Gauge<int> gauge,
        KeyValuePair<string, object?> method,
        KeyValuePair<string, object?> code,
        int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            counter.Add(1, method, code);
            histogram.Record(0.1, method, code);
            gauge.Record(i, method);
            counter.Add(1);
        }
    }
}

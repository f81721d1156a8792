using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using VoiceFleet.Hosting.Metrics;

namespace VoiceFleet.Hosting.Tests;

public sealed class ExporterScopeTests
{
    [Fact]
    public void Scrape_MeterOutsidePrefixes_IsNotExported()
    {
        using var harness = new ExporterHarness();
        using var other = new Meter("Other." + harness.MeterName);
        other.CreateCounter<int>("foreign").Add(1);
        harness.Meter.CreateCounter<int>("own").Add(1);

        var text = harness.Scrape();

        Assert.Contains("own_total 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("foreign", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_DefaultOptions_ExportsVoiceFleetMetersOnly()
    {
        using var exporter = new PrometheusExporter(Options.Create(new PrometheusExporterOptions { IncludeProcessMetrics = false }));
        var name = Guid.NewGuid().ToString("N");
        using var ours = new Meter("VoiceFleet.Default." + name);
        using var theirs = new Meter("Microsoft.Default." + name);
        ours.CreateCounter<int>("ours_" + name).Add(1);
        theirs.CreateCounter<int>("theirs_" + name).Add(1);

        var text = exporter.Scrape();

        Assert.Contains($"ours_{name}_total 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs_" + name, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_MeterDisposed_RemovesItsFamilies()
    {
        using var harness = new ExporterHarness();
        var meter = new Meter(harness.MeterName);
        meter.CreateCounter<int>("short_lived").Add(1);
        Assert.Contains("short_lived_total 1", harness.Scrape(), StringComparison.Ordinal);

        meter.Dispose();

        Assert.DoesNotContain("short_lived", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_SameInstrumentInTwoMeterInstances_MergesIntoOneFamily()
    {
        using var harness = new ExporterHarness(o => o.HistogramBucketBoundaries = [1]);
        using var second = new Meter(harness.MeterName);
        harness.Meter.CreateCounter<int>("dup").Add(2, new KeyValuePair<string, object?>("k", "a"));
        second.CreateCounter<int>("dup").Add(3, new KeyValuePair<string, object?>("k", "a"));
        harness.Meter.CreateHistogram<double>("dup_seconds").Record(0.5);
        second.CreateHistogram<double>("dup_seconds").Record(2);

        var text = harness.Scrape();

        Assert.Single(text.Split('\n'), line => line == "# TYPE dup_total counter");
        Assert.Contains("dup_total{k=\"a\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("dup_seconds_bucket{le=\"1\"} 1\ndup_seconds_bucket{le=\"+Inf\"} 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_SameNameWithDifferentTypes_KeepsOneFamily()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateGauge<int>("clash").Record(1);
        harness.Meter.CreateUpDownCounter<int>("clash").Add(5);
        harness.Meter.CreateHistogram<int>("clash").Record(1);

        var text = harness.Scrape();

        Assert.Single(text.Split('\n'), line => line.StartsWith("# TYPE clash ", StringComparison.Ordinal));
        Assert.DoesNotContain("clash_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_MeterFromAnotherHostsFactory_IsNotExported()
    {
        using var ourFactory = new TestMeterFactory();
        using var theirFactory = new TestMeterFactory();
        var name = "VoiceFleet.Scoped." + Guid.NewGuid().ToString("N");
        var options = new PrometheusExporterOptions { IncludeProcessMetrics = false };
        options.MeterPrefixes.Clear();
        options.MeterPrefixes.Add(name);
        using var exporter = new PrometheusExporter(Options.Create(options), ourFactory);

        ourFactory.Create(name).CreateCounter<int>("mine").Add(1);
        theirFactory.Create(name).CreateCounter<int>("theirs").Add(1);

        var text = exporter.Scrape();

        Assert.Contains("mine_total 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ObservableCallbackThrows_OtherMetricsStillWritten()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateObservableGauge("broken", int () => throw new InvalidOperationException("boom"));
        harness.Meter.CreateObservableGauge("healthy", () => 1);

        var text = harness.Scrape();

        Assert.Contains("healthy 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("broken", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Stream_WritesUtf8Exposition()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<int>("voicefleet_utf8", description: "Zeichen: ä").Add(1);
        using var stream = new MemoryStream();

        await harness.Exporter.WriteAsync(stream);

        Assert.Equal(harness.Scrape(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Contains("Zeichen: ä", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new PrometheusExporterOptions { MaxSeriesPerInstrument = 0, HistogramBucketBoundaries = [1, 1] };
        options.ConstantLabels["bad-name"] = "x";

        var error = Assert.Throws<OptionsValidationException>(() => new PrometheusExporter(Options.Create(options)));

        Assert.Equal(3, error.Failures.Count());
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            options.Scope = this;
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}

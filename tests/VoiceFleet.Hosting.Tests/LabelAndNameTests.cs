using System.Diagnostics.Metrics;
using VoiceFleet.Hosting.Metrics;

namespace VoiceFleet.Hosting.Tests;

public sealed class LabelAndNameTests
{
    [Theory]
    [InlineData("voicefleet.rpc.server.duration", "voicefleet_rpc_server_duration")]
    [InlineData("voicefleet-gateway/requests", "voicefleet_gateway_requests")]
    [InlineData("1st_metric", "_1st_metric")]
    [InlineData("ratio:5m", "ratio_5m")]
    [InlineData("größe", "gr__e")]
    [InlineData("already_valid_Name9", "already_valid_Name9")]
    [InlineData("", "_")]
    public void SanitizeMetricName_InvalidCharacters_ReplacedWithUnderscore(string name, string expected) =>
        Assert.Equal(expected, PrometheusText.SanitizeMetricName(name));

    [Theory]
    [InlineData("grpc.method", "grpc_method")]
    [InlineData("__reserved", "tag__reserved")]
    [InlineData("9lives", "_9lives")]
    [InlineData("model-version", "model_version")]
    public void SanitizeLabelName_InvalidOrReserved_MadeValid(string name, string expected) =>
        Assert.Equal(expected, PrometheusText.SanitizeLabelName(name));

    [Fact]
    public void Scrape_InstrumentAndTagNamesWithDots_WritesSanitizedNames()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateGauge<int>("voicefleet.slot.replicas").Record(2, new KeyValuePair<string, object?>("model.version", "v23"));

        Assert.Contains("voicefleet_slot_replicas{model_version=\"v23\"} 2\n", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_LabelValueWithBackslashQuoteAndNewline_IsEscaped()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<int>("voicefleet_odd").Add(1, new KeyValuePair<string, object?>("path", "C:\\voices\\\"new\"\nline"));

        Assert.Contains("voicefleet_odd_total{path=\"C:\\\\voices\\\\\\\"new\\\"\\nline\"} 1\n", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_HelpWithBackslashAndNewline_IsEscapedButQuotesKept()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<int>("voicefleet_help", description: "Counts \"things\" in C:\\x\nsecond line").Add(1);

        Assert.Contains("# HELP voicefleet_help_total Counts \"things\" in C:\\\\x\\nsecond line\n", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_SameTagsInDifferentOrder_ShareOneSeriesSortedByName()
    {
        using var harness = new ExporterHarness();
        var counter = harness.Meter.CreateCounter<int>("voicefleet_ordered");

        counter.Add(1, new KeyValuePair<string, object?>("track", "blue"), new KeyValuePair<string, object?>("grpc_code", "OK"));
        counter.Add(1, new KeyValuePair<string, object?>("grpc_code", "OK"), new KeyValuePair<string, object?>("track", "blue"));

        Assert.Contains("voicefleet_ordered_total{grpc_code=\"OK\",track=\"blue\"} 2\n", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_SameValueAsDifferentTypes_SharesOneSeries()
    {
        using var harness = new ExporterHarness();
        var counter = harness.Meter.CreateCounter<int>("voicefleet_typed");

        counter.Add(1, new KeyValuePair<string, object?>("shard", 1));
        counter.Add(1, new KeyValuePair<string, object?>("shard", 1L));
        counter.Add(1, new KeyValuePair<string, object?>("shard", "1"));

        var text = harness.Scrape();
        Assert.Contains("voicefleet_typed_total{shard=\"1\"} 3\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), line => line.StartsWith("voicefleet_typed_total{", StringComparison.Ordinal));
    }

    [Fact]
    public void Scrape_TagValuesOfVariousTypes_FormattedInvariantly()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<int>("voicefleet_values").Add(
            1,
            new KeyValuePair<string, object?>("a_bool", true),
            new KeyValuePair<string, object?>("b_double", 0.5),
            new KeyValuePair<string, object?>("c_null", null),
            new KeyValuePair<string, object?>("d_enum", DayOfWeek.Monday));

        Assert.Contains("voicefleet_values_total{a_bool=\"true\",b_double=\"0.5\",c_null=\"\",d_enum=\"Monday\"} 1\n", harness.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ConstantLabels_AddedToEverySeriesAndWinOverTags()
    {
        using var harness = new ExporterHarness(o =>
        {
            o.ConstantLabels["service"] = "gateway";
            o.HistogramBucketBoundaries = [1];
        });
        harness.Meter.CreateCounter<int>("voicefleet_requests").Add(1, new KeyValuePair<string, object?>("service", "spoofed"), new KeyValuePair<string, object?>("track", "blue"));
        harness.Meter.CreateHistogram<double>("voicefleet_latency_seconds").Record(0.5);

        var text = harness.Scrape();

        Assert.Contains("voicefleet_requests_total{service=\"gateway\",track=\"blue\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_latency_seconds_bucket{service=\"gateway\",le=\"1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_latency_seconds_count{service=\"gateway\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spoofed", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ManyFamiliesAndSeries_OrderedByNameThenLabels()
    {
        using var harness = new ExporterHarness();
        var zeta = harness.Meter.CreateCounter<int>("zeta");
        var alpha = harness.Meter.CreateCounter<int>("alpha");
        zeta.Add(1, new KeyValuePair<string, object?>("k", "b"));
        zeta.Add(1, new KeyValuePair<string, object?>("k", "a"));
        alpha.Add(1);

        var samples = harness.Scrape().Split('\n').Where(line => line.Length > 0 && line[0] != '#').ToArray();

        Assert.Equal(["alpha_total 1", "zeta_total{k=\"a\"} 1", "zeta_total{k=\"b\"} 1"], samples);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1E+21")]
    [InlineData(123456789.125, "123456789.125")]
    public void FormatDouble_SpecialAndOrdinaryValues_UsesPrometheusSpelling(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.FormatDouble(value));

    [Fact]
    public void FormatDouble_AnyFiniteValue_RoundTrips()
    {
        foreach (var value in new[] { 0.1 + 0.2, Math.PI, double.Epsilon, double.MaxValue, -1e-300 })
        {
            Assert.Equal(value, double.Parse(PrometheusText.FormatDouble(value), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Scrape_GaugeWithSpecialValues_WritesInfAndNaN()
    {
        using var harness = new ExporterHarness();
        var gauge = harness.Meter.CreateGauge<double>("voicefleet_loudness");
        gauge.Record(double.PositiveInfinity, new KeyValuePair<string, object?>("k", "a"));
        gauge.Record(double.NegativeInfinity, new KeyValuePair<string, object?>("k", "b"));
        gauge.Record(double.NaN, new KeyValuePair<string, object?>("k", "c"));

        var text = harness.Scrape();

        Assert.Contains("voicefleet_loudness{k=\"a\"} +Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_loudness{k=\"b\"} -Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_loudness{k=\"c\"} NaN\n", text, StringComparison.Ordinal);
    }
}

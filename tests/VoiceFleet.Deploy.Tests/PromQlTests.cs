using VoiceFleet.Deploy.Tests.Infrastructure;
using VoiceFleet.Testing;

namespace VoiceFleet.Deploy.Tests;

/// <summary>The metric-name extraction the rule and dashboard checks rely on.</summary>
public sealed class PromQlTests
{
    [Theory]
    [InlineData("sum by (track) (rate(voicefleet_gateway_requests_total{grpc_code=~\"UNKNOWN|INTERNAL\"}[5m]))", "voicefleet_gateway_requests_total")]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(a_bucket{track=\"$track\"}[$__rate_interval])))", "a_bucket")]
    [InlineData("x * on (instance) group_left (slot, model_version) y > 0.5", "x,y")]
    [InlineData("absent(up{job=\"release-controller\"} == 1)", "up")]
    [InlineData("track:voicefleet_gateway_error_ratio:rate5m{track=\"canary\"} > bool 1e-3", "track:voicefleet_gateway_error_ratio:rate5m")]
    [InlineData("label_values(voicefleet_synthesis_slot_info{slot=\"blue\"}, model_version)", "voicefleet_synthesis_slot_info")]
    [InlineData("label_values(model_version)", "")]
    public void MetricNames_Expression_FindsTheSeriesRead(string expression, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), PromQl.MetricNames(expression).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MetricCatalog_DocsMetrics_ListsTheServingPathFamilies()
    {
        Assert.Equal("histogram", MetricCatalog.Families["voicefleet_synthesis_real_time_factor"]);
        Assert.Equal("counter", MetricCatalog.Families["voicefleet_gateway_requests_total"]);
        Assert.Equal("gauge", MetricCatalog.Families["voicefleet_release_active"]);
        Assert.True(MetricCatalog.IsKnown("voicefleet_synthesis_batch_size_bucket", new HashSet<string>()));
        Assert.False(MetricCatalog.IsKnown("voicefleet_gateway_requests_total_bucket", new HashSet<string>()));
        Assert.False(MetricCatalog.IsKnown("voicefleet_no_such_family", new HashSet<string>()));
    }
}

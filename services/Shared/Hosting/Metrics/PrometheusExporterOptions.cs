namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// What the Prometheus exporter listens to and how it writes it. Validated when the host starts.
/// </summary>
public sealed class PrometheusExporterOptions
{
    /// <summary>
    /// Histogram bucket upper bounds used when an instrument gives no advice: seconds, from 5 ms to 10 s,
    /// the range of an RPC or a synthesis step.
    /// </summary>
    public static IReadOnlyList<double> DefaultHistogramBucketBoundaries { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>
    /// Meters whose name starts with one of these (ordinal, case-sensitive) are exported.
    /// Starts as <c>["VoiceFleet"]</c>; configuration binding adds to it, so clear it in code to replace it.
    /// </summary>
    public IList<string> MeterPrefixes { get; } = ["VoiceFleet"];

    /// <summary>
    /// Labels added to every series, such as <c>service="gateway"</c>. Names must be valid Prometheus
    /// label names; a measurement tag with the same name is dropped in favour of the constant.
    /// </summary>
    public IDictionary<string, string> ConstantLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Most label sets kept per instrument (default 2000). Measurements for further label sets are
    /// dropped and counted in <c>voicefleet_metrics_dropped_measurements_total</c>.
    /// </summary>
    public int MaxSeriesPerInstrument { get; set; } = 2000;

    /// <summary>
    /// Bucket upper bounds for histograms created without advice, strictly increasing and finite.
    /// Null means <see cref="DefaultHistogramBucketBoundaries"/>.
    /// </summary>
    public IReadOnlyList<double>? HistogramBucketBoundaries { get; set; }

    /// <summary>
    /// Whether to export process and runtime metrics (<c>process_cpu_seconds_total</c>,
    /// <c>process_resident_memory_bytes</c>, <c>voicefleet_process_gc_collections_total</c>, ...). Default true.
    /// </summary>
    public bool IncludeProcessMetrics { get; set; } = true;
}

using Microsoft.Extensions.Logging;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>Log messages of the Prometheus exporter, with fixed event ids.</summary>
internal static partial class PrometheusExporterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "An observable instrument's callback failed during a metrics scrape; its series are missing from this scrape.")]
    public static partial void ObservationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Metric {Metric} reached its limit of {Limit} series; measurements for new label sets are dropped and counted in voicefleet_metrics_dropped_measurements_total.")]
    public static partial void SeriesLimitReached(ILogger logger, string metric, int limit);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Instrument {Instrument} of meter {Meter} is left out of the metrics: {Metric} is already exported with another type or other buckets.")]
    public static partial void FamilyConflict(ILogger logger, string instrument, string meter, string metric);
}

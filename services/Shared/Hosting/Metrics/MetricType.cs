namespace VoiceFleet.Hosting.Metrics;

/// <summary>The Prometheus metric types this exporter writes.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using VoiceFleet.Hosting.Metrics;

namespace VoiceFleet.Hosting.Tests;

/// <summary>
/// A meter with a name no other test uses and an exporter that listens only to it, so tests running
/// in parallel never see each other's instruments.
/// </summary>
internal sealed class ExporterHarness : IDisposable
{
    public ExporterHarness(Action<PrometheusExporterOptions>? configure = null)
    {
        MeterName = "VoiceFleet.Tests." + Guid.NewGuid().ToString("N");
        var options = new PrometheusExporterOptions { IncludeProcessMetrics = false };
        options.MeterPrefixes.Clear();
        options.MeterPrefixes.Add(MeterName);
        configure?.Invoke(options);
        Exporter = new PrometheusExporter(Options.Create(options));
        Meter = new Meter(MeterName);
    }

    public string MeterName { get; }

    public Meter Meter { get; }

    public PrometheusExporter Exporter { get; }

    public string Scrape() => Exporter.Scrape();

    public void Dispose()
    {
        Meter.Dispose();
        Exporter.Dispose();
    }
}

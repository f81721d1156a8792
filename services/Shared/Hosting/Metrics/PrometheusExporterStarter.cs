using Microsoft.Extensions.Hosting;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// Resolves the exporter when the host starts. The exporter only sees measurements recorded after it
/// exists; without this it would be created by the first scrape and miss everything before it.
/// </summary>
internal sealed class PrometheusExporterStarter(PrometheusExporter exporter) : IHostedService
{
    // Holding the reference is the point: constructing this service constructs the exporter.
    private readonly PrometheusExporter _exporter = exporter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(_exporter);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

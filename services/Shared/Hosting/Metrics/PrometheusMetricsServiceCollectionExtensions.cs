using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>Registers the Prometheus exporter.</summary>
public static class PrometheusMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PrometheusExporter"/> as a singleton that starts listening when the host
    /// starts, with its options validated at start. Serve it with
    /// <see cref="PrometheusMetricsEndpointRouteBuilderExtensions.MapPrometheusMetrics"/>.
    /// Safe to call more than once; each call's <paramref name="configure"/> is applied.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets meter prefixes, constant labels (e.g. <c>service</c>), limits.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, Action<PrometheusExporterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // IMeterFactory: services create their meters through it, and the exporter uses it to tell
        // this host's meters from those of other hosts in the same process.
        services.AddMetrics();

        var options = services.AddOptions<PrometheusExporterOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusExporterOptions>, PrometheusExporterOptionsValidator>());
        services.TryAddSingleton(static provider => new PrometheusExporter(
            provider.GetRequiredService<IOptions<PrometheusExporterOptions>>(),
            provider.GetService<IMeterFactory>(),
            provider.GetService<ILogger<PrometheusExporter>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PrometheusExporterStarter>());
        return services;
    }
}

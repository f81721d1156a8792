using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>Serves the Prometheus exposition over HTTP.</summary>
public static class PrometheusMetricsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> to the exposition of the registered
    /// <see cref="PrometheusExporter"/>, as <c>text/plain; version=0.0.4; charset=utf-8</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, <c>/metrics</c> unless told otherwise.</param>
    /// <returns>A builder to add conventions to the endpoint (host filters, authorization).</returns>
    /// <exception cref="InvalidOperationException">
    /// <see cref="PrometheusMetricsServiceCollectionExtensions.AddPrometheusMetrics"/> was not called.
    /// </exception>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        // Fail at start-up, not at the first scrape minutes later.
        var exporter = endpoints.ServiceProvider.GetService<PrometheusExporter>()
            ?? throw new InvalidOperationException(
                "No PrometheusExporter is registered: call services.AddPrometheusMetrics() before MapPrometheusMetrics().");

        return endpoints.MapGet(pattern, async context =>
        {
            context.Response.ContentType = PrometheusExporter.ContentType;

            // A scrape must always be fresh.
            context.Response.Headers.CacheControl = "no-store";
            await exporter.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }).WithDisplayName("Prometheus metrics");
    }
}

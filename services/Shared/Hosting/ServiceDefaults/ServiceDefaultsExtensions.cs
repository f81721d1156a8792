using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Hosting.Health;
using VoiceFleet.Hosting.Metrics;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Hosting.ServiceDefaults;

/// <summary>
/// What every VoiceFleet service shares: Kestrel with an h2c gRPC port and an HTTP/1.1 port,
/// configuration from appsettings.json and <c>VOICEFLEET__</c> variables validated at start,
/// logging that carries trace and span ids, the gRPC server, health, Prometheus metrics and a
/// graceful shutdown that drains calls in flight.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The environment variable prefix; <c>VOICEFLEET__Section__Key</c> sets <c>Section:Key</c>.</summary>
    public const string EnvironmentPrefix = "VOICEFLEET__";

    /// <summary>Adds the service defaults for the service named <paramref name="serviceName"/> (the <c>service</c> metric label).</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);

        AddPrefixedEnvironmentVariables(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<ServiceOptions>()
            .Bind(builder.Configuration.GetSection(ServiceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        ConfigureLogging(builder);
        ConfigureKestrel(builder);

        services.AddGrpcServer();
        services.AddOptions<GrpcServerOptions>().Bind(builder.Configuration.GetSection(GrpcServerOptions.SectionName));
        services.AddPrometheusMetrics();
        services.AddOptions<PrometheusExporterOptions>()
            .Bind(builder.Configuration.GetSection("Metrics"))
            .PostConfigure(o => o.ConstantLabels["service"] = serviceName); // configuration cannot rename the service
        services.AddHostedService<ParentProcessWatcher>();

        services.AddSingleton<HealthStatusManager>();
        services.AddSingleton<HealthService>();
        services.AddHostedService<HealthLifecycle>();
        services.AddOptions<HostOptions>().Configure<IOptions<ServiceOptions>>((host, service) => host.ShutdownTimeout = service.Value.ShutdownTimeout);
        return builder;
    }

    /// <summary>Maps grpc.health.v1, <c>/healthz</c> (alive), <c>/readyz</c> (serving) and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapServiceDefaults(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<HealthService>();
        endpoints.MapPrometheusMetrics("/metrics");
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", (HealthStatusManager health) => health.IsServing
            ? Results.Text("ready\n")
            : Results.Text("not ready\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }

    /// <summary>
    /// Adds <c>VOICEFLEET__</c> variables just before the command line, so the order of precedence is
    /// command line, then environment, then appsettings.json.
    /// </summary>
    private static void AddPrefixedEnvironmentVariables(ConfigurationManager configuration)
    {
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var commandLine = sources.Select((source, index) => (source, index))
            .FirstOrDefault(s => s.source is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource);
        var environment = new Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix };
        if (commandLine.source is null)
        {
            sources.Add(environment);
        }
        else
        {
            sources.Insert(commandLine.index, environment);
        }
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // Resolving the options here runs their validation, so a bad port stops the start with a clear message.
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<ServiceOptions>>().Value;
            var address = IPAddress.Parse(options.BindAddress);
            kestrel.Listen(address, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.AddServerHeader = false;

            // Streams of a synthesis can be long; gRPC keeps connections busy with many streams.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        var logging = builder.Logging;
        logging.ClearProviders();

        // Every log line written inside a request carries its trace and span ids (from traceparent).
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var format = builder.Configuration[$"{ServiceOptions.SectionName}:LogFormat"] ?? "simple";
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
    }
}

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using VoiceFleet.Gateway.Auth;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.Diagnostics;
using VoiceFleet.Gateway.Health;
using VoiceFleet.Gateway.Proxy;
using VoiceFleet.Gateway.RateLimiting;
using VoiceFleet.Gateway.Routing;
using VoiceFleet.Hosting.ServiceDefaults;

namespace VoiceFleet.Gateway;

/// <summary>Builds the gateway service: the shared service defaults plus its own services.</summary>
public static class GatewayApp
{
    /// <summary>The <c>service</c> label of this service's metrics and its name in logs.</summary>
    public const string ServiceName = "gateway";

    /// <summary>Builds the application from command-line arguments (configuration overrides such as <c>--Service:GrpcPort=0</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ServiceHost.CreateBuilder(ServiceName, args);
        builder.Services.AddGateway();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGateway();
        return app;
    }

    /// <summary>Registers what the gateway service needs, with every option validated at start.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<BackendsOptions>().BindConfiguration(BackendsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SlotsOptions>().BindConfiguration(SlotsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthCheckOptions>().BindConfiguration(HealthCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // The gateway's own Kestrel limits: whole bodies up to the gateway limit, wide HTTP/2 windows for audio streams.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 2 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 1024 * 1024;
        });

        services.AddHttpForwarder();
        services.AddSingleton<RoutingState>();
        services.AddSingleton<RoutingStore>();
        services.AddSingleton<SlotHealth>();
        services.AddSingleton<TrackSelector>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<KeyRateLimiter>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<BackendClients>();
        services.AddSingleton<GatewayProxy>();
        services.AddHostedService<RoutingWatcher>();
        services.AddHostedService<SlotHealthMonitor>();
        services.AddHostedService<KeyFileWatcher>();
        return services;
    }

    /// <summary>Maps the gateway's proxied routes: the gRPC services of the fleet and their REST endpoints.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxy = app.Services.GetRequiredService<GatewayProxy>();
        if (!app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Enabled)
        {
            GatewayLog.AuthDisabled(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayApp)));
        }

        // Metrics families exist from the start (the gauges read the routing in force).
        app.Services.GetRequiredService<GatewayMetrics>();
        foreach (var (service, _) in RouteTable.GrpcServices)
        {
            app.Map($"/{service}/{{method}}", proxy.HandleGrpcAsync).WithDisplayName("gateway gRPC " + service);
        }

        foreach (var pattern in RouteTable.RestPatterns)
        {
            app.Map(pattern, proxy.HandleRestAsync).WithDisplayName("gateway REST " + pattern);
        }

        return app;
    }
}

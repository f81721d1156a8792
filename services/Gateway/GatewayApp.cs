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

    /// <summary>Registers what the gateway service needs.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        // The YARP routes and the track choice come with the gateway work; for now it serves health and metrics.
        return services;
    }

    /// <summary>Maps the gateway service's endpoints.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {

        return app;
    }
}

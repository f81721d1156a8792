using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Frontend.Grpc;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Frontend;

/// <summary>Builds the frontend service: the shared service defaults plus its own services.</summary>
public static class FrontendApp
{
    /// <summary>The <c>service</c> label of this service's metrics and its name in logs.</summary>
    public const string ServiceName = "frontend";

    /// <summary>Builds the application from command-line arguments (configuration overrides such as <c>--Service:GrpcPort=0</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ServiceHost.CreateBuilder(ServiceName, args);
        builder.Services.AddFrontend();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapFrontend();
        return app;
    }

    /// <summary>Registers what the frontend service needs.</summary>
    public static IServiceCollection AddFrontend(this IServiceCollection services)
    {
        services.AddSingleton<TextFrontendService>();
        return services;
    }

    /// <summary>Maps the frontend service's endpoints.</summary>
    public static WebApplication MapFrontend(this WebApplication app)
    {
        app.MapGrpcService<TextFrontendService>();
        return app;
    }
}

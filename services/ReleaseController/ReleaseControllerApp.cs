using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.ReleaseController.Grpc;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.ReleaseController;

/// <summary>Builds the release-controller service: the shared service defaults plus its own services.</summary>
public static class ReleaseControllerApp
{
    /// <summary>The <c>service</c> label of this service's metrics and its name in logs.</summary>
    public const string ServiceName = "release-controller";

    /// <summary>Builds the application from command-line arguments (configuration overrides such as <c>--Service:GrpcPort=0</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ServiceHost.CreateBuilder(ServiceName, args);
        builder.Services.AddReleaseController();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapReleaseController();
        return app;
    }

    /// <summary>Registers what the release-controller service needs.</summary>
    public static IServiceCollection AddReleaseController(this IServiceCollection services)
    {
        services.AddSingleton<ReleaseControlService>();
        return services;
    }

    /// <summary>Maps the release-controller service's endpoints.</summary>
    public static WebApplication MapReleaseController(this WebApplication app)
    {
        app.MapGrpcService<ReleaseControlService>();
        return app;
    }
}

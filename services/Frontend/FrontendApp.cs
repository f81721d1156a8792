using VoiceFleet.Frontend.Analysis;
using VoiceFleet.Frontend.Configuration;
using VoiceFleet.Frontend.Grpc;
using VoiceFleet.Frontend.Models;
using VoiceFleet.Frontend.Rest;
using VoiceFleet.Hosting.ServiceDefaults;
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

    /// <summary>Registers what the frontend service needs, with its options validated at start.</summary>
    public static IServiceCollection AddFrontend(this IServiceCollection services)
    {
        services.AddOptions<FrontendOptions>().BindConfiguration(FrontendOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FrontendRuntime>();
        services.AddSingleton<ModelPhonemeMaps>();
        services.AddSingleton<TextFrontendService>();
        return services;
    }

    /// <summary>Maps the frontend's gRPC service and <c>POST /v1/text/analyze</c>.</summary>
    public static WebApplication MapFrontend(this WebApplication app)
    {
        app.MapGrpcService<TextFrontendService>();
        app.MapAnalyzeEndpoint();

        // Built now, so a bad option or a missing lexicon stops the start (exit 2) and the first call is not slow.
        _ = app.Services.GetRequiredService<FrontendRuntime>();
        return app;
    }
}

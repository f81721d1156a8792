using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Synthesis.Grpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Synthesis.Serving;

namespace VoiceFleet.Synthesis;

/// <summary>Builds the synthesis service: the shared service defaults plus its own services.</summary>
public static class SynthesisApp
{
    /// <summary>The <c>service</c> label of this service's metrics and its name in logs.</summary>
    public const string ServiceName = "synthesis";

    /// <summary>Builds the application from command-line arguments (configuration overrides such as <c>--Service:GrpcPort=0</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ServiceHost.CreateBuilder(ServiceName, args);
        builder.Services.AddSynthesis();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapSynthesis();
        return app;
    }

    /// <summary>Registers what the synthesis service needs.</summary>
    public static IServiceCollection AddSynthesis(this IServiceCollection services)
    {
        services.AddOptions<SlotOptions>().BindConfiguration(SlotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SlotInfoMetrics>();
        services.AddSingleton<SynthesisService>();
        return services;
    }

    /// <summary>Maps the synthesis service's endpoints.</summary>
    public static WebApplication MapSynthesis(this WebApplication app)
    {
        app.MapGrpcService<SynthesisService>();

        // Created eagerly so the slot info gauge exists from the first scrape.
        _ = app.Services.GetRequiredService<SlotInfoMetrics>();
        return app;
    }
}

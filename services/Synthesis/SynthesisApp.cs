using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Synthesis.Batching;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Grpc;
using VoiceFleet.Synthesis.Models;
using VoiceFleet.Synthesis.Pipeline;
using VoiceFleet.Synthesis.Rest;
using VoiceFleet.Synthesis.Upstreams;

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

    /// <summary>Registers what the synthesis service needs, with every option validated at start.</summary>
    public static IServiceCollection AddSynthesis(this IServiceCollection services)
    {
        services.AddOptions<SynthesisOptions>().BindConfiguration(SynthesisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WatermarkSettings>().BindConfiguration(WatermarkSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SlotInfoMetrics>();
        services.AddSingleton<SynthesisMetrics>();
        services.AddSingleton<VoiceModelHost>();
        services.AddSingleton<AdmissionGate>();
        services.AddSingleton<BatcherHost>();
        services.AddSingleton<UpstreamClients>();
        services.AddSingleton<ConditioningResolver>();
        services.AddSingleton<SynthesisPipeline>();
        services.AddSingleton<SynthesisCalls>();
        services.AddSingleton<SynthesisService>();
        services.AddHostedService<SynthesisStartup>();
        return services;
    }

    /// <summary>Maps the synthesis service's gRPC service and REST endpoints.</summary>
    public static WebApplication MapSynthesis(this WebApplication app)
    {
        app.MapGrpcService<SynthesisService>();
        app.MapSynthesisRest();

        // Created eagerly so the slot info gauge exists from the first scrape.
        _ = app.Services.GetRequiredService<SlotInfoMetrics>();
        _ = app.Services.GetRequiredService<SynthesisMetrics>();
        return app;
    }
}

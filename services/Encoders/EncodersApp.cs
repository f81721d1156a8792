using Microsoft.Extensions.Options;
using VoiceFleet.Encoders.Caching;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.Embeddings;
using VoiceFleet.Encoders.Emotions;
using VoiceFleet.Encoders.Grpc;
using VoiceFleet.Encoders.ReferenceAudio;
using VoiceFleet.Encoders.Rest;
using VoiceFleet.Encoders.Storage;
using VoiceFleet.Encoders.TextEmotion;
using VoiceFleet.Encoders.Voices;
using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Encoders;

/// <summary>Builds the encoders service: the shared service defaults plus its own services.</summary>
public static class EncodersApp
{
    /// <summary>The <c>service</c> label of this service's metrics and its name in logs.</summary>
    public const string ServiceName = "encoders";

    /// <summary>Builds the application from command-line arguments (configuration overrides such as <c>--Service:GrpcPort=0</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ServiceHost.CreateBuilder(ServiceName, args);
        builder.Services.AddEncoders();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapEncoders();
        return app;
    }

    /// <summary>Registers what the encoders service needs, with every option validated at start.</summary>
    public static IServiceCollection AddEncoders(this IServiceCollection services)
    {
        services.AddOptions<EncodersOptions>().BindConfiguration(EncodersOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReferenceAudioOptions>().BindConfiguration(ReferenceAudioOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TextEmotionOptions>().BindConfiguration(TextEmotionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<EncodersMetrics>();
        services.AddSingleton<ReferenceAudioLoader>();
        services.AddSingleton<EncoderCatalog>();
        services.AddSingleton<EncodeGate>();
        services.AddSingleton<IEncodersStore>(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.IsPostgres ? new PostgresEncodersStore(storage.ConnectionString) : new SqliteEncodersStore(storage.ResolvedSqlitePath);
        });
        services.AddSingleton<EmbeddingCache>();
        services.AddSingleton<ClipEmbedder>();
        services.AddSingleton<OnnxTextEmotionAnalyzer>();
        services.AddSingleton<TextEmotionService>();
        services.AddSingleton<EmotionResolver>();
        services.AddSingleton<VoiceRegistry>();
        services.AddSingleton<EncodersService>();
        services.AddHostedService<EncodersStartup>();
        return services;
    }

    /// <summary>Maps the encoders service's gRPC service and REST endpoints.</summary>
    public static WebApplication MapEncoders(this WebApplication app)
    {
        app.MapGrpcService<EncodersService>();
        app.MapEncodersRest();
        return app;
    }
}

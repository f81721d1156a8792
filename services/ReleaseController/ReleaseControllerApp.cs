using Microsoft.Extensions.Options;
using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.ReleaseController.Console;
using VoiceFleet.ReleaseController.Diagnostics;
using VoiceFleet.ReleaseController.Engine;
using VoiceFleet.ReleaseController.Grpc;
using VoiceFleet.ReleaseController.Regression;
using VoiceFleet.ReleaseController.Rest;
using VoiceFleet.ReleaseController.Routing;
using VoiceFleet.ReleaseController.Slots;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.ReleaseController.Webhooks;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.ReleaseController;

/// <summary>Builds the release-controller service: the shared service defaults plus its own services.</summary>
public static class ReleaseControllerApp
{
    /// <summary>The <c>service</c> label of this service's metrics and its name in logs.</summary>
    public const string ServiceName = "release-controller";

    /// <summary>Builds the application from command-line arguments (configuration overrides such as <c>--Service:GrpcPort=0</c>).</summary>
    public static WebApplication Build(string[] args) => Build(args, null);

    /// <summary>Builds the application; <paramref name="configure"/> may replace registrations (tests: a fake clock, a metrics source).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure)
    {
        var builder = ServiceHost.CreateBuilder(ServiceName, args);
        builder.Services.AddReleaseController();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapReleaseController();
        return app;
    }

    /// <summary>Registers what the release-controller service needs, with every option validated at start.</summary>
    public static IServiceCollection AddReleaseController(this IServiceCollection services)
    {
        services.AddOptions<ReleaseControllerOptions>().BindConfiguration(ReleaseControllerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SlotsOptions>().BindConfiguration(SlotsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ShadowOptions>().BindConfiguration(ShadowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RegressionOptions>().BindConfiguration(RegressionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddHttpClient();
        services.AddSingleton<IReleaseStore>(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.IsPostgres ? new PostgresReleaseStore(storage.ConnectionString) : new SqliteReleaseStore(storage.ResolvedSqlitePath);
        });
        services.AddSingleton<IMetricsSource>(provider => provider.GetRequiredService<IOptions<AnalysisOptions>>().Value.UsesPrometheus
            ? ActivatorUtilities.CreateInstance<PrometheusApiMetricsSource>(provider)
            : ActivatorUtilities.CreateInstance<ScrapeMetricsSource>(provider));
        services.AddSingleton<RoutingHub>();
        services.AddSingleton<ReleaseEventHub>();
        services.AddSingleton<ReleaseMetrics>();
        services.AddSingleton<SlotClients>();
        services.AddSingleton<GoldenSets>();
        services.AddSingleton<PairedSynthesis>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<RegressionRunner>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ReleaseEngine>();
        services.AddHostedService(provider => provider.GetRequiredService<ReleaseEngine>());
        services.AddSingleton<ReleaseControlService>();
        services.AddSingleton<ArtifactFiles>();
        services.AddSingleton<ListeningTrials>();
        return services;
    }

    /// <summary>Maps the release-controller service's gRPC service and REST endpoints.</summary>
    public static WebApplication MapReleaseController(this WebApplication app)
    {
        app.MapGrpcService<ReleaseControlService>();
        app.MapReleaseRest();
        app.MapConsole();
        return app;
    }
}

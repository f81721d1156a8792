using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Encoders.Grpc;
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

    /// <summary>Registers what the encoders service needs.</summary>
    public static IServiceCollection AddEncoders(this IServiceCollection services)
    {
        services.AddSingleton<EncodersService>();
        return services;
    }

    /// <summary>Maps the encoders service's endpoints.</summary>
    public static WebApplication MapEncoders(this WebApplication app)
    {
        app.MapGrpcService<EncodersService>();
        return app;
    }
}

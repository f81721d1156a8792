using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.Rpc.Server;

/// <summary>Registers the gRPC server.</summary>
public static class GrpcServerServiceCollectionExtensions
{
    /// <summary>Adds the gRPC server: options (validated at start), the service registry, metrics and the clock.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GrpcServerOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RpcMetrics>();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Hosting.IStartupFilter, UnimplementedMethodStartupFilter>());
        return services;
    }
}

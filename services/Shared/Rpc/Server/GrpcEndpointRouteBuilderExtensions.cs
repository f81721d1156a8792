using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.Rpc.Server;

/// <summary>Maps gRPC services onto ASP.NET Core endpoints at <c>/package.Service/Method</c>.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    private static readonly string[] PostOnly = ["POST"];

    /// <summary>Maps the service <typeparamref name="TService"/>, resolved once from the container.</summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var service = endpoints.ServiceProvider.GetRequiredService<TService>();
        return endpoints.MapGrpcService(service.BindService());
    }

    /// <summary>Maps every method of <paramref name="definition"/>.</summary>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);
        var provider = endpoints.ServiceProvider;
        var registry = provider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before mapping gRPC services.");
        registry.Add(definition);

        var options = new ServerCallHandlerOptions(
            provider.GetRequiredService<IOptions<GrpcServerOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<RpcMetrics>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("VoiceFleet.Rpc.Server"));

        var builders = new List<IEndpointConventionBuilder>();
        foreach (var binding in definition.Methods)
        {
            var handler = binding.CreateHandler(options);
            builders.Add(endpoints.Map(binding.Method.FullName, handler.HandleCallAsync)
                .WithMetadata(new HttpMethodMetadata(PostOnly))
                .WithMetadata(binding.Method)
                .WithDisplayName("gRPC " + binding.Method.FullName));
        }

        return new CompositeConventionBuilder(builders);
    }

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}

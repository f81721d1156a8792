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

        if (!registry.FallbackMapped)
        {
            registry.FallbackMapped = true;
            MapUnimplemented(endpoints, registry, options);
        }

        return new CompositeConventionBuilder(builders);
    }

    /// <summary>
    /// Any other POST of a gRPC request answers UNIMPLEMENTED (service or method unknown). Ordered
    /// last so REST endpoints with the same shape of path still win.
    /// </summary>
    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry, ServerCallHandlerOptions options)
    {
        endpoints.Map("{service}/{method}", context =>
            {
                if (!ServerCallHandler.ValidateRequest(context))
                {
                    return Task.CompletedTask;
                }

                var service = (string)context.Request.RouteValues["service"]!;
                var detail = registry.Contains(service)
                    ? $"Method '{context.Request.RouteValues["method"]}' of service '{service}' is unimplemented."
                    : $"Service '{service}' is unimplemented.";
                RpcServerLog.Unimplemented(options.Logger, context.Request.Path);
                options.Metrics.ServerCallUnimplemented();
                ServerCallHandler.WriteTrailersOnly(context, new Status(StatusCode.Unimplemented, detail));
                return Task.CompletedTask;
            })
            .WithMetadata(new HttpMethodMetadata(PostOnly))
            .WithDisplayName("gRPC unimplemented")
            .WithOrder(int.MaxValue);
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

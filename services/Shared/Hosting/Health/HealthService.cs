using Grpc.Health.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Hosting.Health;

/// <summary><c>grpc.health.v1.Health</c>: Check and Watch over <see cref="HealthStatusManager"/>, for Kubernetes gRPC probes.</summary>
internal sealed class HealthService(HealthStatusManager statuses) : HealthServiceBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var status = statuses.GetStatus(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Service '{request.Service}' is not known to this server.");
        return Task.FromResult(HealthStatusManager.Response(status));
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        await foreach (var status in statuses.WatchAsync(request.Service, context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(HealthStatusManager.Response(status), context.CancellationToken).ConfigureAwait(false);
        }
    }
}

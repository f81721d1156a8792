using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Rpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VoiceFleet.Hosting.Health;

/// <summary>
/// Marks the server and its services SERVING once the host has started, and NOT_SERVING as soon as
/// it starts stopping (then waits the drain delay), so probes and balancers see it leave before
/// Kestrel stops taking calls and drains those in flight.
/// </summary>
internal sealed partial class HealthLifecycle(
    HealthStatusManager statuses,
    GrpcServiceRegistry registry,
    IOptions<ServiceOptions> options,
    TimeProvider timeProvider,
    ILogger<HealthLifecycle> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        foreach (var service in registry.ServiceNames)
        {
            statuses.SetStatus(service, ServingStatus.Serving);
        }

        statuses.SetStatus(HealthStatusManager.OverallService, ServingStatus.Serving);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        statuses.Shutdown();
        var delay = options.Value.DrainDelay;
        LogDraining(logger, delay.TotalSeconds);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out first: go on stopping rather than fail the shutdown.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "Stopping: health is NOT_SERVING; draining for {DelaySeconds} s before closing listeners.")]
    private static partial void LogDraining(ILogger logger, double delaySeconds);
}

using Grpc.Health.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.Gateway.Health;

/// <summary>Probes each synthesis slot with <c>grpc.health.v1.Health/Check</c> on a fixed interval.</summary>
internal sealed class SlotHealthMonitor(
    SlotHealth health,
    IOptions<SlotsOptions> slots,
    IOptions<HealthCheckOptions> options,
    RpcMetrics rpcMetrics,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ProbeLoopAsync(Slot.Blue, slots.Value.Blue, stoppingToken), ProbeLoopAsync(Slot.Green, slots.Value.Green, stoppingToken));

    private async Task ProbeLoopAsync(Slot slot, string address, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Metrics = rpcMetrics,
            LoggerFactory = loggerFactory,
            TimeProvider = timeProvider,
            Retry = new GrpcRetryOptions { MaxAttempts = 1 },
        });
        var client = new HealthClient(channel);
        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    var reply = await client.CheckAsync(new HealthCheckRequest(), CallOptions.WithTimeout(settings.Timeout, timeProvider, stoppingToken)).ResponseAsync.ConfigureAwait(false);
                    if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        health.ProbeSucceeded(slot);
                    }
                    else
                    {
                        health.ProbeFailed(slot, settings.UnhealthyThreshold, reply.Status.ToString());
                    }
                }
                catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
                {
                    health.ProbeFailed(slot, settings.UnhealthyThreshold, ex.StatusCode.ToString());
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

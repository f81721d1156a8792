using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.Diagnostics;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.Gateway.Routing;

/// <summary>
/// Puts the persisted routing in force before the gateway serves, then follows the controller's
/// <c>WatchRouting</c> stream: each snapshot replaces the routing whole and is persisted. A broken
/// watch is reopened with exponential backoff and jitter; meanwhile the last routing stays in force.
/// </summary>
internal sealed class RoutingWatcher(
    RoutingState state,
    RoutingStore store,
    IOptions<RoutingOptions> options,
    IOptions<BackendsOptions> backends,
    RpcMetrics rpcMetrics,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RoutingWatcher>();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.Load() is { } persisted)
        {
            var table = RoutingTable.From(persisted);
            state.Update(table);
            GatewayLog.RoutingRestored(_logger, table.Revision, SlotName.Of(table.Stable), SlotName.Of(table.Canary), table.CanaryWeightBps);
        }
        else
        {
            GatewayLog.RoutingDefault(_logger);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Watch)
        {
            return;
        }

        var gatewayId = string.IsNullOrEmpty(settings.GatewayId) ? Environment.MachineName : settings.GatewayId;
        using var channel = GrpcChannel.ForAddress(backends.Value.ReleaseController, new GrpcChannelOptions
        {
            Metrics = rpcMetrics,
            LoggerFactory = loggerFactory,
            TimeProvider = timeProvider,
        });
        var client = new ReleaseControlClient(channel);
        var delay = settings.WatchRetryInitial;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var request = new WatchRoutingRequest { GatewayId = gatewayId, KnownRevision = state.Current.Revision };
                using var call = client.WatchRouting(request, new CallOptions(CancellationToken: stoppingToken));
                while (await call.ResponseStream.MoveNext(stoppingToken).ConfigureAwait(false))
                {
                    await ApplyAsync(call.ResponseStream.Current.Routing, stoppingToken).ConfigureAwait(false);
                    delay = settings.WatchRetryInitial;
                }

                GatewayLog.RoutingWatchEnded(_logger);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                GatewayLog.RoutingWatchFailed(_logger, ex.StatusCode.ToString(), ex.Status.Detail, delay);
            }

            try
            {
                // Full jitter on the upper half, so replicas that lost the controller together do not return together.
                var jittered = delay / 2 + delay / 2 * Random.Shared.NextDouble();
                await Task.Delay(jittered, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.WatchRetryMax.Ticks));
        }
    }

    private async Task ApplyAsync(RoutingSnapshot? snapshot, CancellationToken cancellationToken)
    {
        if (snapshot is null)
        {
            return;
        }

        var table = RoutingTable.From(snapshot);
        var previous = state.Current;
        state.Update(table);
        if (table.Revision < previous.Revision)
        {
            GatewayLog.RoutingRevisionWentBack(_logger, previous.Revision, table.Revision);
        }

        GatewayLog.RoutingApplied(_logger, table.Revision, SlotName.Of(table.Stable), SlotName.Of(table.Canary), table.CanaryWeightBps, table.ReleaseId);
        await store.SaveAsync(snapshot, cancellationToken).ConfigureAwait(false);
    }
}

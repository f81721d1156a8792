using System.Text.Json;
using Grpc.Health.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Fleet;

/// <summary>Starts every process of a <see cref="FleetPlan"/>, waits until all are SERVING, and stops them all on cancellation.</summary>
internal sealed class FleetRunner(FleetPlan plan, ServiceBinaries binaries, TextWriter output, TextWriter log, TimeProvider timeProvider)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    public async Task<int> RunAsync(TimeSpan startupTimeout, bool json, CancellationToken cancellationToken)
    {
        var paths = plan.Members.ToDictionary(m => m.Name, m => binaries.Locate(m.Project));
        var logGate = new Lock();
        var children = new List<ServiceProcess>();
        try
        {
            foreach (var member in plan.Members)
            {
                children.Add(ServiceProcess.Start(member, paths[member.Name], log, logGate));
            }

            var failure = await WaitUntilServingAsync(children, startupTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                await log.WriteLineAsync(failure).ConfigureAwait(false);
                return cancellationToken.IsCancellationRequested ? 130 : 1;
            }

            await WriteReadyAsync(json).ConfigureAwait(false);

            // Run until Ctrl-C / SIGTERM, or until a service dies on its own.
            var anyExit = Task.WhenAny(children.Select(c => c.Exited));
            var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
            if (await Task.WhenAny(anyExit, cancelled).ConfigureAwait(false) == anyExit)
            {
                var dead = children.First(c => c.HasExited);
                await log.WriteLineAsync($"voicefleet: {dead.Member.Name} exited with code {dead.ExitCode}; stopping the fleet.").ConfigureAwait(false);
                return 1;
            }

            await log.WriteLineAsync("voicefleet: stopping the fleet...").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            foreach (var group in plan.StopOrder)
            {
                await Task.WhenAll(children.Where(c => group.Contains(c.Member)).Select(c => c.StopAsync(StopGrace))).ConfigureAwait(false);
            }

            foreach (var child in children)
            {
                await child.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<string?> WaitUntilServingAsync(IReadOnlyList<ServiceProcess> children, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + timeout;
        var pending = children.ToList();
        var channels = children.ToDictionary(c => c, c => GrpcChannel.ForAddress(c.Member.GrpcAddress, new GrpcChannelOptions { Retry = new GrpcRetryOptions { MaxAttempts = 1 } }));
        try
        {
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var child in pending.ToArray())
                {
                    if (child.HasExited)
                    {
                        return $"voicefleet: {child.Member.Name} exited with code {child.ExitCode} before it was healthy. Its last output:{Environment.NewLine}{child.RecentOutput()}";
                    }

                    if (await IsServingAsync(channels[child], cancellationToken).ConfigureAwait(false))
                    {
                        pending.Remove(child);
                        await log.WriteLineAsync($"voicefleet: {child.Member.Name} is SERVING (grpc={child.Member.GrpcAddress.Authority} http={child.Member.HttpUrl})").ConfigureAwait(false);
                    }
                }

                if (pending.Count == 0)
                {
                    break;
                }

                if (timeProvider.GetUtcNow() > deadline)
                {
                    return $"voicefleet: not healthy after {timeout.TotalSeconds:0} s: {string.Join(", ", pending.Select(p => p.Member.Name))}.";
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), timeProvider, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (OperationCanceledException)
        {
            return "voicefleet: start-up interrupted.";
        }
        finally
        {
            foreach (var channel in channels.Values)
            {
                channel.Dispose();
            }
        }
    }

    private async Task<bool> IsServingAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            var client = new HealthClient(channel);
            var response = await client.CheckAsync(new HealthCheckRequest(), new CallOptions(Deadline: timeProvider.GetUtcNow().UtcDateTime.AddSeconds(5), CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private async Task WriteReadyAsync(bool json)
    {
        var gateway = plan.Gateway;
        if (json)
        {
            var ready = new
            {
                ready = true,
                gateway = gateway.HttpUrl,
                grpc = gateway.GrpcAddress.Authority,
                slots = plan.Slots,
                canary = plan.Canary,
                services = plan.Members.Select(m => new { name = m.Name, grpc = m.GrpcAddress.Authority, http = m.HttpUrl }),
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(ready)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"ready gateway={gateway.HttpUrl} grpc={gateway.GrpcAddress.Authority}").ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
    }
}

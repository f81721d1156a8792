using System.Text.Json;
using Grpc.Health.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Fleet;

/// <summary>
/// Starts every process of a <see cref="FleetPlan"/>, waits until all are SERVING, and stops them all on cancellation.
/// <see cref="RunAsync"/> is <c>voicefleet up</c>; <see cref="StartAsync"/>, <see cref="RestartAsync"/> and
/// <see cref="DisposeAsync"/> let a caller in this process (the demo, the fleet tests) drive the fleet and restart one
/// member with other settings, as a slot's Deployment is rolled to another model version.
/// </summary>
internal sealed class FleetRunner(FleetPlan plan, ServiceBinaries binaries, TextWriter output, TextWriter log, TimeProvider timeProvider) : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly Lock _logGate = new();
    private readonly List<ServiceProcess> _children = [];
    private Dictionary<string, string>? _paths;

    /// <summary>The running processes, in plan order.</summary>
    public IReadOnlyList<ServiceProcess> Children
    {
        get
        {
            lock (_children)
            {
                return [.. _children];
            }
        }
    }

    /// <summary>The member called <paramref name="name"/> as it runs now (with the settings of its latest start).</summary>
    public FleetMember Member(string name) => Child(name).Member;

    public async Task<int> RunAsync(TimeSpan startupTimeout, bool json, CancellationToken cancellationToken)
    {
        try
        {
            var failure = await StartAsync(startupTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                await log.WriteLineAsync(failure).ConfigureAwait(false);
                return cancellationToken.IsCancellationRequested ? 130 : 1;
            }

            await WriteReadyAsync(json).ConfigureAwait(false);

            // Run until Ctrl-C / SIGTERM, or until a service dies on its own.
            var anyExit = Task.WhenAny(Children.Select(c => c.Exited));
            var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
            if (await Task.WhenAny(anyExit, cancelled).ConfigureAwait(false) == anyExit)
            {
                var dead = Children.First(c => c.HasExited);
                await log.WriteLineAsync($"voicefleet: {dead.Member.Name} exited with code {dead.ExitCode}; stopping the fleet.").ConfigureAwait(false);
                return 1;
            }

            await log.WriteLineAsync("voicefleet: stopping the fleet...").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            await StopAllAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts every member and waits until all are SERVING; returns why not, or null when they are.</summary>
    /// <exception cref="FileNotFoundException">A service is not built.</exception>
    public async Task<string?> StartAsync(TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        _paths = plan.Members.ToDictionary(m => m.Name, m => binaries.Locate(m.Project));
        var started = new List<ServiceProcess>();
        foreach (var member in plan.Members)
        {
            started.Add(ServiceProcess.Start(member, _paths[member.Name], log, _logGate));
            lock (_children)
            {
                _children.Add(started[^1]);
            }
        }

        return await WaitUntilServingAsync(started, startupTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the member called <paramref name="name"/> (SIGTERM, drain) and starts it again with <paramref name="settings"/>
    /// laid over its plan's, then waits until it is SERVING; returns why not, or null when it is.
    /// </summary>
    public async Task<string?> RestartAsync(string name, IReadOnlyDictionary<string, string>? settings, TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        var old = Child(name);
        await old.StopAsync(StopGrace).ConfigureAwait(false);
        var merged = new Dictionary<string, string>(old.Member.Settings, StringComparer.Ordinal);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        var member = old.Member with { Settings = merged };
        var replacement = ServiceProcess.Start(member, _paths![name], log, _logGate);
        lock (_children)
        {
            _children[_children.IndexOf(old)] = replacement;
        }

        await old.DisposeAsync().ConfigureAwait(false);
        return await WaitUntilServingAsync([replacement], startupTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the member called <paramref name="name"/> at once (SIGKILL), as a crashed pod; it stays down until restarted.</summary>
    public Task KillAsync(string name) => Child(name).KillAsync();

    /// <summary>Stops every member in the plan's stop order.</summary>
    public ValueTask DisposeAsync() => new(StopAllAsync());

    private ServiceProcess Child(string name)
    {
        lock (_children)
        {
            return _children.FirstOrDefault(c => c.Member.Name == name) ?? throw new ArgumentException($"no fleet member '{name}'", nameof(name));
        }
    }

    private async Task StopAllAsync()
    {
        var children = Children;
        foreach (var group in plan.StopOrder)
        {
            var names = group.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            await Task.WhenAll(children.Where(c => names.Contains(c.Member.Name)).Select(c => c.StopAsync(StopGrace))).ConfigureAwait(false);
        }

        foreach (var child in children)
        {
            await child.DisposeAsync().ConfigureAwait(false);
        }

        lock (_children)
        {
            _children.Clear();
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

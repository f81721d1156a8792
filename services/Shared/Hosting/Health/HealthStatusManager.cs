using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VoiceFleet.Hosting.Health;

/// <summary>
/// The serving status of this process ("" = the whole server) and of each of its gRPC services,
/// as reported by <c>grpc.health.v1.Health</c> and <c>/readyz</c>. Thread-safe.
/// </summary>
public sealed class HealthStatusManager : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>The whole server's name in the health protocol.</summary>
    public const string OverallService = "";

    /// <summary>Sets the status of <paramref name="service"/> and tells its watchers.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_statuses.TryGetValue(service, out var current) && current == status)
            {
                return;
            }

            _statuses[service] = status;
            if (_watchers.TryGetValue(service, out var watchers))
            {
                foreach (var watcher in watchers)
                {
                    watcher.Writer.TryWrite(status);
                }
            }
        }
    }

    /// <summary>Sets every known service, and the server, to <paramref name="status"/>.</summary>
    public void SetAll(ServingStatus status)
    {
        string[] services;
        lock (_gate)
        {
            services = [.. _statuses.Keys];
        }

        foreach (var service in services)
        {
            SetStatus(service, status);
        }

        SetStatus(OverallService, status);
    }

    /// <summary>The status of <paramref name="service"/>, or null when it is not known here.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    /// <summary>True when the whole server is SERVING.</summary>
    public bool IsServing => GetStatus(OverallService) == ServingStatus.Serving;

    /// <summary>
    /// The current status of <paramref name="service"/> (SERVICE_UNKNOWN if not known), then every
    /// change, until cancelled or the server shuts down.
    /// </summary>
    public async IAsyncEnumerable<ServingStatus> WatchAsync(string service, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the newest status matters to a watcher, so a slow one never holds old values.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown);
            if (!_watchers.TryGetValue(service, out var list))
            {
                _watchers[service] = list = [];
            }

            list.Add(channel);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            while (await WaitToReadAsync(channel.Reader, linked.Token).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var next))
                {
                    yield return next;
                }
            }

            // Shutting down: report the last status, then end the stream so draining is not held up.
            if (!cancellationToken.IsCancellationRequested && channel.Reader.TryRead(out var last))
            {
                yield return last;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers[service].Remove(channel);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _shutdown.Dispose();

    private async Task<bool> WaitToReadAsync(ChannelReader<ServingStatus> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Reports NOT_SERVING everywhere and ends every watch stream.</summary>
    public void Shutdown()
    {
        SetAll(ServingStatus.NotServing);
        _shutdown.Cancel();
    }

    internal static HealthCheckResponse Response(ServingStatus status) => new() { Status = status };
}

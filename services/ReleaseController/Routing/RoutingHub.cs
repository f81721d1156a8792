using System.Threading.Channels;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Routing;

/// <summary>
/// The routing in force and everyone watching it. Each snapshot replaces the previous one whole, so a
/// watcher that falls behind only needs the newest: each watcher's queue keeps one snapshot.
/// </summary>
internal sealed class RoutingHub
{
    private readonly Lock _gate = new();
    private readonly HashSet<Channel<RoutingSnapshot>> _watchers = [];
    private RoutingSnapshot? _current;

    /// <summary>The snapshot in force; null until the controller has loaded or created one.</summary>
    public RoutingSnapshot? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>Makes <paramref name="snapshot"/> current and hands it to every watcher (older revisions are ignored).</summary>
    public void Publish(RoutingSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_current is not null && snapshot.Revision <= _current.Revision)
            {
                return;
            }

            _current = snapshot;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }
        }
    }

    /// <summary>A subscription whose first item is the current snapshot (once there is one), then every change.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<RoutingSnapshot>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (_current is not null)
            {
                channel.Writer.TryWrite(_current);
            }

            _watchers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    private void Remove(Channel<RoutingSnapshot> channel)
    {
        lock (_gate)
        {
            _watchers.Remove(channel);
        }
    }

    /// <summary>One watcher's queue; dispose to stop watching.</summary>
    internal sealed class Subscription(RoutingHub hub, Channel<RoutingSnapshot> channel) : IDisposable
    {
        public ChannelReader<RoutingSnapshot> Reader => channel.Reader;

        public void Dispose() => hub.Remove(channel);
    }
}

using System.Threading.Channels;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Routing;

/// <summary>Every change of a release (transition or analysis), for WatchRelease streams.</summary>
internal sealed class ReleaseEventHub
{
    private readonly Lock _gate = new();
    private readonly List<(string ReleaseId, Channel<WatchReleaseResponse> Channel)> _watchers = [];

    public void Publish(WatchReleaseResponse change)
    {
        lock (_gate)
        {
            foreach (var (releaseId, channel) in _watchers)
            {
                if (releaseId == change.Release.ReleaseId)
                {
                    channel.Writer.TryWrite(change);
                }
            }
        }
    }

    public Subscription Subscribe(string releaseId)
    {
        var channel = Channel.CreateUnbounded<WatchReleaseResponse>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _watchers.Add((releaseId, channel));
        }

        return new Subscription(this, channel);
    }

    private void Remove(Channel<WatchReleaseResponse> channel)
    {
        lock (_gate)
        {
            _watchers.RemoveAll(w => w.Channel == channel);
        }
    }

    internal sealed class Subscription(ReleaseEventHub hub, Channel<WatchReleaseResponse> channel) : IDisposable
    {
        public ChannelReader<WatchReleaseResponse> Reader => channel.Reader;

        public void Dispose() => hub.Remove(channel);
    }
}

using Microsoft.Extensions.Primitives;

namespace VoiceFleet.Gateway.Routing;

/// <summary>
/// Holds the routing table in force. An update swaps the reference atomically and fires the previous
/// change token (the pattern of YARP's in-memory configuration provider), so readers take one
/// consistent snapshot per request and observers learn of every change.
/// </summary>
internal sealed class RoutingState
{
    private Entry _entry = new(RoutingTable.AllStable, new CancellationTokenSource());

    /// <summary>The table in force now.</summary>
    public RoutingTable Current => Volatile.Read(ref _entry).Table;

    /// <summary>Fires when <see cref="Current"/> is replaced.</summary>
    public IChangeToken ChangeToken => Volatile.Read(ref _entry).Token;

    /// <summary>Puts <paramref name="table"/> in force.</summary>
    public void Update(RoutingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var previous = Interlocked.Exchange(ref _entry, new Entry(table, new CancellationTokenSource()));
        previous.Source.Cancel();
        previous.Source.Dispose();
    }

    private sealed class Entry(RoutingTable table, CancellationTokenSource source)
    {
        public RoutingTable Table { get; } = table;

        public CancellationTokenSource Source { get; } = source;

        public IChangeToken Token { get; } = new CancellationChangeToken(source.Token);
    }
}

using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Routing;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>The response transforms of one routing table, built once per table rather than once per request.</summary>
internal sealed class TrackTransformers
{
    private TrackTransformers(RoutingTable table)
    {
        Table = table;
        Stable = new GatewayTransformer(TrackNames.Stable, table.StableVersion);
        Canary = new GatewayTransformer(TrackNames.Canary, table.CanaryVersion);
    }

    public RoutingTable Table { get; }

    public GatewayTransformer Stable { get; }

    public GatewayTransformer Canary { get; }

    public GatewayTransformer For(Track track) => track == Track.Canary ? Canary : Stable;

    /// <summary>The transforms for <paramref name="table"/>, reusing <paramref name="cached"/> while the table is the same.</summary>
    public static TrackTransformers For(RoutingTable table, ref TrackTransformers? cached)
    {
        var current = Volatile.Read(ref cached);
        if (current is null || !ReferenceEquals(current.Table, table))
        {
            current = new TrackTransformers(table);
            Volatile.Write(ref cached, current);
        }

        return current;
    }
}

using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Routing;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>What the gateway decided for one request, for the response transform and the metrics.</summary>
internal sealed class GatewayCall(RoutePolicy policy)
{
    public RoutePolicy Policy { get; } = policy;

    public Track Track { get; set; }

    public string ModelVersion { get; set; } = TrackNames.None;
}

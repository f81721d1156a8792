using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Gateway.Routing;

/// <summary>
/// Track names on the wire (<c>x-voicefleet-track</c>) and in metric labels. The tracks are the
/// contract's <see cref="Track"/>; <see cref="Track.Unspecified"/> marks a route without tracks
/// (frontend, encoders, release control), labelled <c>none</c>.
/// </summary>
internal static class TrackNames
{
    public const string Stable = "stable";
    public const string Canary = "canary";
    public const string None = "none";

    public static string Of(Track track) => track switch
    {
        Track.Stable => Stable,
        Track.Canary => Canary,
        _ => None,
    };

    public static Track Parse(string? value) =>
        string.Equals(value, Stable, StringComparison.OrdinalIgnoreCase) ? Track.Stable
        : string.Equals(value, Canary, StringComparison.OrdinalIgnoreCase) ? Track.Canary
        : Track.Unspecified;
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.Health;

namespace VoiceFleet.Gateway.Routing;

/// <summary>Why a request got its track, for tests and logs.</summary>
internal enum TrackReason
{
    NoCanary,
    Override,
    Bucket,
    Rule,
    CanaryUnhealthy,
}

/// <summary>The chosen track and the slot that serves it.</summary>
internal readonly record struct TrackDecision(Track Track, Slot Slot, TrackReason Reason);

/// <summary>
/// Chooses the track of a synthesis request, in order: a tester's <c>x-voicefleet-track</c> override;
/// the sticky bucket of the user (<c>x-user-id</c>, else the API key id) against the canary weight; then
/// the configured canary rules; finally an unhealthy canary slot sends its share to stable.
/// Allocation-free: it reads header values already parsed by Kestrel and hashes spans.
/// </summary>
internal sealed class TrackSelector
{
    public const string UserHeader = "x-user-id";

    private readonly (string Header, string[] Values)[] _rules;
    private readonly SlotHealth _health;

    public TrackSelector(IOptions<RoutingOptions> options, SlotHealth health)
    {
        _rules = [.. options.Value.CanaryRules.Select(r => (r.Header, r.AllowedValues.ToArray()))];
        _health = health;
    }

    public TrackDecision Choose(RoutingTable table, IHeaderDictionary headers, Track requestedByTester, string keyId)
    {
        if (!table.HasCanary)
        {
            return new TrackDecision(Track.Stable, table.Stable, TrackReason.NoCanary);
        }

        if (requestedByTester != Track.Unspecified)
        {
            return requestedByTester == Track.Canary
                ? new TrackDecision(Track.Canary, table.Canary, TrackReason.Override)
                : new TrackDecision(Track.Stable, table.Stable, TrackReason.Override);
        }

        StringValues user = headers[UserHeader];
        var identity = user.Count == 1 && !string.IsNullOrEmpty(user[0]) ? user[0].AsSpan() : keyId.AsSpan();
        if (StickyBucket.Of(table.ReleaseId, identity) >= table.CanaryWeightBps)
        {
            return new TrackDecision(Track.Stable, table.Stable, TrackReason.Bucket);
        }

        if (!PassesRules(headers))
        {
            return new TrackDecision(Track.Stable, table.Stable, TrackReason.Rule);
        }

        return _health.IsHealthy(table.Canary)
            ? new TrackDecision(Track.Canary, table.Canary, TrackReason.Bucket)
            : new TrackDecision(Track.Stable, table.Stable, TrackReason.CanaryUnhealthy);
    }

    private bool PassesRules(IHeaderDictionary headers)
    {
        foreach (var (header, values) in _rules)
        {
            StringValues value = headers[header];
            if (value.Count != 1 || !Contains(values, value[0]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(string[] values, string? value)
    {
        foreach (var allowed in values)
        {
            if (string.Equals(allowed, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoiceFleet.Gateway.Auth;
using VoiceFleet.Gateway.Configuration;

namespace VoiceFleet.Gateway.RateLimiting;

/// <summary>One token bucket per API key, with the key's own limits or the defaults.</summary>
internal sealed class KeyRateLimiter(IOptionsMonitor<RateLimitOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(ApiKey key, out TimeSpan retryAfter)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        var rate = key.RequestsPerSecond > 0 ? key.RequestsPerSecond : settings.RequestsPerSecond;
        var burst = key.Burst > 0 ? key.Burst : settings.Burst;
        var now = timeProvider.GetTimestamp();
        if (!_buckets.TryGetValue(key.Id, out var bucket) || bucket.Rate != rate || bucket.Capacity != burst)
        {
            // New key, or its limits changed with a reload: start a fresh bucket.
            bucket = _buckets.AddOrUpdate(
                key.Id,
                static (_, s) => new TokenBucket(s.rate, s.burst, s.now),
                static (_, existing, s) => existing.Rate == s.rate && existing.Capacity == s.burst ? existing : new TokenBucket(s.rate, s.burst, s.now),
                (rate, burst, now));
        }

        return bucket.TryTake(now, timeProvider.TimestampFrequency, out retryAfter);
    }
}

namespace VoiceFleet.Gateway.RateLimiting;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/> timestamp: <see cref="Rate"/> tokens a second up to
/// <see cref="Capacity"/>. A small lock per bucket: one key's requests contend only with each other.
/// </summary>
internal sealed class TokenBucket(double rate, int capacity, long now)
{
    private readonly Lock _lock = new();
    private double _tokens = capacity;
    private long _updated = now;

    public double Rate { get; } = rate;

    public int Capacity { get; } = capacity;

    /// <summary>Takes a token; when none is left, says how long until one is.</summary>
    public bool TryTake(long now, long ticksPerSecond, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var elapsed = (double)(now - _updated) / ticksPerSecond;
            if (elapsed > 0)
            {
                _tokens = Math.Min(Capacity, _tokens + elapsed * Rate);
                _updated = now;
            }

            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / Rate);
            return false;
        }
    }
}

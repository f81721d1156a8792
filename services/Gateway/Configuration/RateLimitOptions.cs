using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>Per-key token buckets; section <c>Gateway:RateLimits</c>. A key's own limits in the keys file win.</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "Gateway:RateLimits";

    /// <summary>Apply rate limits.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Tokens added per second (sustained requests per second per key).</summary>
    [Range(0.001, 1_000_000)]
    public double RequestsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: requests a key may make at once after being idle.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 100;
}

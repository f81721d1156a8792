namespace VoiceFleet.Hosting.Metrics;

/// <summary>One series of a family as collected for a scrape.</summary>
internal sealed class SeriesPoint
{
    /// <summary>The sample value of a counter or gauge.</summary>
    public double Value { get; set; }

    /// <summary>Whether a value from another instrument with the same name and labels is added (sums) or ignored (gauges).</summary>
    public bool Additive { get; init; }

    /// <summary>Histogram bucket counts, not cumulative, the last one being +Inf; null for scalars.</summary>
    public long[]? BucketCounts { get; init; }

    /// <summary>Histogram sum.</summary>
    public double Sum { get; set; }
}

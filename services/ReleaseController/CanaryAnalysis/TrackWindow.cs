namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>What one track (stable or canary) did in an analysis window, from the synthesis (and gateway) metrics.</summary>
internal sealed class TrackWindow
{
    /// <summary>Synthesis requests that ended in any code.</summary>
    public double Requests { get; set; }

    /// <summary>Of those, requests that ended in a server-side error code.</summary>
    public double Errors { get; set; }

    /// <summary>Requests the gateway routed to this track (0 without gateway metrics).</summary>
    public double GatewayRequests { get; set; }

    public double AudioSeconds { get; set; }

    /// <summary>Per-request real-time factors, binned by the histogram's buckets.</summary>
    public Histogram Rtf { get; set; } = new();

    public double NonFiniteSamples { get; set; }

    public double ClippingSum { get; set; }

    public double ClippingCount { get; set; }

    public double SilenceSum { get; set; }

    public double SilenceCount { get; set; }

    public double LoudnessSum { get; set; }

    public double LoudnessCount { get; set; }

    /// <summary>Successful outputs (the real-time-factor histogram's count).</summary>
    public double Outputs => Rtf.Count;
}

/// <summary>The metrics of one window for both tracks.</summary>
internal sealed record WindowMetrics(TrackWindow Canary, TrackWindow Stable, string Source, IReadOnlyList<string> Problems);

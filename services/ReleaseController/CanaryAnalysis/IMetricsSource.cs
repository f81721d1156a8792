namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>Where the per-track metrics of an analysis window come from.</summary>
internal interface IMetricsSource
{
    /// <summary>"scrape" or "prometheus" (Analysis.source).</summary>
    string Name { get; }

    /// <summary>Marks the start of a window (the embedded scraper takes its baseline here).</summary>
    Task BeginWindowAsync(CancellationToken cancellationToken);

    /// <summary>Canary and stable over the window of length <paramref name="window"/> ending now.</summary>
    Task<WindowMetrics> CollectAsync(TimeSpan window, DateTimeOffset end, CancellationToken cancellationToken);
}

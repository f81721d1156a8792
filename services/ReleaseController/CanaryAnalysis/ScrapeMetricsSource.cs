using Microsoft.Extensions.Options;
using VoiceFleet.ReleaseController.Configuration;

namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>
/// The embedded metrics source: scrapes every synthesis and gateway replica's /metrics at the start and
/// the end of a window and takes the difference of each counter and histogram series (a counter that went
/// down was reset: its new value is the change). A target not scraped at the start is left out of the window.
/// </summary>
internal sealed class ScrapeMetricsSource(IHttpClientFactory httpClients, IOptions<AnalysisOptions> options) : IMetricsSource
{
    private readonly Lock _gate = new();
    private Dictionary<string, Dictionary<string, (PrometheusSample Sample, double Value)>>? _baseline;

    public string Name => "scrape";

    public async Task BeginWindowAsync(CancellationToken cancellationToken)
    {
        var (snapshot, _) = await ScrapeAllAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _baseline = snapshot;
        }
    }

    public async Task<WindowMetrics> CollectAsync(TimeSpan window, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var (current, problems) = await ScrapeAllAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, Dictionary<string, (PrometheusSample Sample, double Value)>>? baseline;
        lock (_gate)
        {
            baseline = _baseline;
            _baseline = current;
        }

        var canary = new TrackWindow();
        var stable = new TrackWindow();
        var codes = new HashSet<string>(options.Value.ServerErrorCodes, StringComparer.Ordinal);
        if (baseline is null)
        {
            problems.Add("no baseline scrape for this window (controller restarted?); the next window has one");
        }
        else
        {
            foreach (var (target, series) in current)
            {
                if (!baseline.TryGetValue(target, out var before))
                {
                    problems.Add($"{target}: not scraped at the window's start; left out");
                    continue;
                }

                foreach (var (key, (sample, value)) in series)
                {
                    ServingFamilies.Add(sample, Delta(key, value, series, before), canary, stable, codes);
                }
            }
        }

        return new WindowMetrics(canary, stable, Name, problems);
    }

    private async Task<(Dictionary<string, Dictionary<string, (PrometheusSample, double)>> Snapshot, List<string> Problems)> ScrapeAllAsync(CancellationToken cancellationToken)
    {
        var targets = options.Value.SynthesisTargets.Concat(options.Value.GatewayTargets).Distinct(StringComparer.Ordinal).ToArray();
        var results = await Task.WhenAll(targets.Select(t => ScrapeAsync(t, cancellationToken))).ConfigureAwait(false);
        var snapshot = new Dictionary<string, Dictionary<string, (PrometheusSample, double)>>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < targets.Length; i++)
        {
            if (results[i].Error is { } error)
            {
                problems.Add($"{targets[i]}: {error}");
                continue;
            }

            var series = new Dictionary<string, (PrometheusSample, double)>(StringComparer.Ordinal);
            foreach (var sample in results[i].Samples!)
            {
                if (ServingFamilies.IsRelevant(sample.Name))
                {
                    series[Key(sample)] = (sample, sample.Value);
                }
            }

            snapshot[targets[i]] = series;
        }

        return (snapshot, problems);
    }

    private async Task<(List<PrometheusSample>? Samples, string? Error)> ScrapeAsync(string target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            var client = httpClients.CreateClient(nameof(ScrapeMetricsSource));
            var text = await client.GetStringAsync(new Uri(target), timeout.Token).ConfigureAwait(false);
            return (PrometheusText.Parse(text), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "scrape timed out");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>
    /// The change of one series over the window. A counter that went down was reset, so its new value is the change.
    /// A histogram's <c>_sum</c> is no counter when observations can be negative (loudness in LUFS): it goes down on its
    /// own, so its reset is read from the <c>_count</c> beside it.
    /// </summary>
    internal static double Delta(string key, double value, IReadOnlyDictionary<string, (PrometheusSample Sample, double Value)> current, IReadOnlyDictionary<string, (PrometheusSample Sample, double Value)> before)
    {
        if (!before.TryGetValue(key, out var old))
        {
            return value;
        }

        var brace = key.IndexOf('{', StringComparison.Ordinal);
        if (brace > 4 && key.AsSpan(0, brace).EndsWith("_sum", StringComparison.Ordinal))
        {
            var countKey = string.Concat(key.AsSpan(0, brace - 4), "_count", key.AsSpan(brace));
            if (current.TryGetValue(countKey, out var count) && before.TryGetValue(countKey, out var oldCount))
            {
                return count.Value >= oldCount.Value ? value - old.Value : value;
            }
        }

        return value >= old.Value ? value - old.Value : value;
    }

    private static string Key(PrometheusSample sample) =>
        sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
}

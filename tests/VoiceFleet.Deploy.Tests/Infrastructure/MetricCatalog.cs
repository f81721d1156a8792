using System.Text.RegularExpressions;

namespace VoiceFleet.Deploy.Tests.Infrastructure;

/// <summary>
/// The metric families the services export, as the documentation lists them in its tables: docs/metrics.md
/// (the contract between the services, the rules and the dashboards) and the metrics section of each
/// service's own page (docs/encoders.md, ...), with their Prometheus types.
/// </summary>
internal static partial class MetricCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> FamiliesLazy = new(Load);

    /// <summary>Series Prometheus writes itself for every target.</summary>
    public static readonly IReadOnlySet<string> PrometheusSynthetic = new HashSet<string>(StringComparer.Ordinal)
    {
        "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added",
    };

    /// <summary>Family → type (counter, gauge, histogram).</summary>
    public static IReadOnlyDictionary<string, string> Families => FamiliesLazy.Value;

    /// <summary>True when <paramref name="series"/> is a known family or one of a histogram's series.</summary>
    public static bool IsKnown(string series, IReadOnlySet<string> recorded)
    {
        if (Families.ContainsKey(series) || PrometheusSynthetic.Contains(series) || recorded.Contains(series))
        {
            return true;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (series.EndsWith(suffix, StringComparison.Ordinal) &&
                Families.TryGetValue(series[..^suffix.Length], out var type) && type == "histogram")
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string> Load()
    {
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Directory.GetFiles(Repo.Path("docs"), "*.md").Order(StringComparer.Ordinal).SelectMany(File.ReadLines))
        {
            var match = TableRow().Match(line);
            if (match.Success)
            {
                families.TryAdd(match.Groups["name"].Value, match.Groups["type"].Value);
            }
        }

        // Named in prose rather than a table row.
        families.TryAdd("voicefleet_metrics_dropped_measurements_total", "counter");
        return families;
    }

    // | `voicefleet_rpc_server_requests_total` | counter | ...
    [GeneratedRegex(@"^\|\s*`(?<name>[a-z_][a-z0-9_]*)`\s*\|\s*(?<type>counter|gauge|histogram)\s*\|")]
    private static partial Regex TableRow();
}

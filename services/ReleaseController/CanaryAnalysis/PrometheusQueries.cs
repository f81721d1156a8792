namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>
/// The PromQL templates of the Prometheus source, by quantity; each can be replaced through
/// <c>ReleaseController:Analysis:Queries:NAME</c>. Placeholders: <c>{track}</c>, <c>{window}</c>, <c>{codes}</c>.
/// Every query must answer an instant vector; <c>rtf_buckets</c> one series per <c>le</c>.
/// </summary>
internal static class PrometheusQueries
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["requests"] = "sum(increase(voicefleet_synthesis_requests_total{track=\"{track}\"}[{window}]))",
        ["errors"] = "sum(increase(voicefleet_synthesis_requests_total{track=\"{track}\",grpc_code=~\"{codes}\"}[{window}]))",
        ["gateway_requests"] = "sum(increase(voicefleet_gateway_requests_total{track=\"{track}\"}[{window}]))",
        ["audio_seconds"] = "sum(increase(voicefleet_synthesis_audio_seconds_total{track=\"{track}\"}[{window}]))",
        ["rtf_buckets"] = "sum by (le) (increase(voicefleet_synthesis_real_time_factor_bucket{track=\"{track}\"}[{window}]))",
        ["non_finite_samples"] = "sum(increase(voicefleet_synthesis_quality_non_finite_samples_total{track=\"{track}\"}[{window}]))",
        ["clipping_sum"] = "sum(increase(voicefleet_synthesis_quality_clipping_ratio_sum{track=\"{track}\"}[{window}]))",
        ["clipping_count"] = "sum(increase(voicefleet_synthesis_quality_clipping_ratio_count{track=\"{track}\"}[{window}]))",
        ["silence_sum"] = "sum(increase(voicefleet_synthesis_quality_silence_ratio_sum{track=\"{track}\"}[{window}]))",
        ["silence_count"] = "sum(increase(voicefleet_synthesis_quality_silence_ratio_count{track=\"{track}\"}[{window}]))",
        // Loudness is negative (LUFS), so its _sum falls with every output: increase() would read that as resets.
        ["loudness_sum"] = "sum(delta(voicefleet_synthesis_quality_loudness_lufs_sum{track=\"{track}\"}[{window}]))",
        ["loudness_count"] = "sum(increase(voicefleet_synthesis_quality_loudness_lufs_count{track=\"{track}\"}[{window}]))",
    };

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(Defaults.Keys, StringComparer.Ordinal);

    /// <summary>The query of <paramref name="name"/> for a track and window, from the overrides or the defaults.</summary>
    public static string Render(string name, IReadOnlyDictionary<string, string> overrides, string track, TimeSpan window, IEnumerable<string> errorCodes)
    {
        var template = overrides.TryGetValue(name, out var custom) && !string.IsNullOrWhiteSpace(custom) ? custom : Defaults[name];
        return template
            .Replace("{track}", track, StringComparison.Ordinal)
            .Replace("{window}", $"{Math.Max(1, (long)Math.Round(window.TotalSeconds))}s", StringComparison.Ordinal)
            .Replace("{codes}", string.Join("|", errorCodes), StringComparison.Ordinal);
    }
}

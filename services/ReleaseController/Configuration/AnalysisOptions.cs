using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.ReleaseController.Configuration;

/// <summary>
/// Where window metrics come from; configuration section <c>ReleaseController:Analysis</c>. With
/// <see cref="PrometheusUrl"/> set the controller asks Prometheus's HTTP API; otherwise it scrapes the
/// targets itself (the embedded default).
/// </summary>
public sealed class AnalysisOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReleaseController:Analysis";

    /// <summary>Prometheus base URL (e.g. <c>http://prometheus:9090</c>); empty = scrape the targets below.</summary>
    public string PrometheusUrl { get; set; } = string.Empty;

    /// <summary>/metrics URLs of every synthesis replica (both slots), for the embedded scraper.</summary>
    public string[] SynthesisTargets { get; set; } = [];

    /// <summary>/metrics URLs of every gateway replica, for the embedded scraper (requests per track).</summary>
    public string[] GatewayTargets { get; set; } = [];

    /// <summary>Deadline of one scrape or one Prometheus query.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// gRPC codes counted as server-side errors in the error-ratio gate (upper-case names). FAILED_PRECONDITION is one:
    /// Synthesis answers it when the slot cannot serve its model (a bundle that does not load), never for a caller's mistake.
    /// </summary>
    public string[] ServerErrorCodes { get; set; } = ["UNKNOWN", "DEADLINE_EXCEEDED", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "FAILED_PRECONDITION"];

    /// <summary>
    /// PromQL templates by quantity, overriding the defaults of <c>PrometheusQueries</c>; placeholders
    /// <c>{track}</c> (stable|canary), <c>{window}</c> (e.g. <c>120s</c>), <c>{codes}</c> (the error codes as a regex alternation).
    /// </summary>
    public Dictionary<string, string> Queries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when the Prometheus HTTP API is the source.</summary>
    public bool UsesPrometheus => !string.IsNullOrWhiteSpace(PrometheusUrl);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesPrometheus && !IsHttpUrl(PrometheusUrl))
        {
            yield return new ValidationResult($"PrometheusUrl '{PrometheusUrl}' is not an http:// or https:// URL.", [nameof(PrometheusUrl)]);
        }

        foreach (var (name, targets) in new[] { (nameof(SynthesisTargets), SynthesisTargets), (nameof(GatewayTargets), GatewayTargets) })
        {
            foreach (var target in targets ?? [])
            {
                if (!IsHttpUrl(target))
                {
                    yield return new ValidationResult($"{name} entry '{target}' is not an http:// or https:// URL.", [name]);
                }
            }
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult("RequestTimeout must be over 0 and at most 2 minutes.", [nameof(RequestTimeout)]);
        }

        foreach (var key in (Queries ?? []).Keys)
        {
            if (!CanaryAnalysis.PrometheusQueries.Names.Contains(key))
            {
                yield return new ValidationResult($"Queries has an unknown quantity '{key}' (known: {string.Join(", ", CanaryAnalysis.PrometheusQueries.Names)}).", [nameof(Queries)]);
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

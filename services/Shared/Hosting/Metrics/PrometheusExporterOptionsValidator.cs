using Microsoft.Extensions.Options;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>Rejects options that would produce an invalid exposition or an unbounded one.</summary>
internal sealed class PrometheusExporterOptionsValidator : IValidateOptions<PrometheusExporterOptions>
{
    /// <summary>Upper limit on the series cap, so a typo cannot turn the cap off.</summary>
    public const int MaxSeriesLimit = 1_000_000;

    public ValidateOptionsResult Validate(string? name, PrometheusExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.MeterPrefixes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("MeterPrefixes must not contain empty prefixes.");
        }

        if (options.MaxSeriesPerInstrument is < 1 or > MaxSeriesLimit)
        {
            failures.Add($"MaxSeriesPerInstrument must be between 1 and {MaxSeriesLimit}, was {options.MaxSeriesPerInstrument}.");
        }

        foreach (var (label, value) in options.ConstantLabels)
        {
            if (!PrometheusText.IsValidLabelName(label) || label == "le")
            {
                failures.Add($"Constant label name '{label}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with '__', not 'le').");
            }

            if (value is null)
            {
                failures.Add($"Constant label '{label}' has no value.");
            }
        }

        if (options.HistogramBucketBoundaries is { } bounds)
        {
            if (bounds.Count == 0)
            {
                failures.Add("HistogramBucketBoundaries must not be empty (leave it null for the defaults).");
            }

            for (var i = 0; i < bounds.Count; i++)
            {
                if (!double.IsFinite(bounds[i]))
                {
                    failures.Add($"HistogramBucketBoundaries[{i}] must be finite (+Inf is always added).");
                }
                else if (i > 0 && bounds[i] <= bounds[i - 1])
                {
                    failures.Add($"HistogramBucketBoundaries must be strictly increasing, but [{i}] = {bounds[i]} follows {bounds[i - 1]}.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

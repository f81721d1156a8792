using System.Text;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// One metric family as written in a scrape: HELP, TYPE and its series in label order. Instruments
/// that share a name (the same meter created twice, say) merge into one family, because a second
/// family of the same name would make the whole exposition invalid.
/// </summary>
internal sealed class MetricFamily
{
    private readonly SortedDictionary<string, SeriesPoint> _series = new(StringComparer.Ordinal);
    private readonly string[]? _bucketLabels;

    public MetricFamily(string name, MetricType type, string? help, double[]? bounds)
    {
        Name = name;
        Type = type;
        Help = help;
        Bounds = bounds;
        if (bounds is not null)
        {
            _bucketLabels = new string[bounds.Length + 1];
            for (var i = 0; i < bounds.Length; i++)
            {
                _bucketLabels[i] = PrometheusText.FormatDouble(bounds[i]);
            }

            _bucketLabels[^1] = "+Inf";
        }
    }

    public string Name { get; }

    public MetricType Type { get; }

    public string? Help { get; }

    public double[]? Bounds { get; }

    public bool IsEmpty => _series.Count == 0;

    /// <summary>Whether an instrument of this type and these buckets can join this family.</summary>
    public bool Accepts(MetricType type, double[]? bounds) =>
        type == Type && (bounds is null ? Bounds is null : Bounds is not null && bounds.AsSpan().SequenceEqual(Bounds));

    public void AddScalar(string labelText, double value, bool additive)
    {
        if (!_series.TryGetValue(labelText, out var point))
        {
            _series.Add(labelText, new SeriesPoint { Value = value, Additive = additive });
        }
        else if (additive && point.Additive)
        {
            point.Value += value;
        }
    }

    public void AddHistogram(string labelText, long[] bucketCounts, double sum)
    {
        if (!_series.TryGetValue(labelText, out var point))
        {
            _series.Add(labelText, new SeriesPoint { BucketCounts = bucketCounts, Sum = sum, Additive = true });
            return;
        }

        for (var i = 0; i < bucketCounts.Length; i++)
        {
            point.BucketCounts![i] += bucketCounts[i];
        }

        point.Sum += sum;
    }

    public void WriteTo(StringBuilder builder)
    {
        if (!string.IsNullOrEmpty(Help))
        {
            builder.Append("# HELP ").Append(Name).Append(' ');
            PrometheusText.AppendEscapedHelp(builder, Help);
            builder.Append('\n');
        }

        builder.Append("# TYPE ").Append(Name).Append(' ').Append(Type switch
        {
            MetricType.Counter => "counter",
            MetricType.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');

        foreach (var (labelText, point) in _series)
        {
            if (point.BucketCounts is { } counts)
            {
                WriteHistogram(builder, labelText, counts, point.Sum);
            }
            else
            {
                WriteSample(builder, Name, string.Empty, labelText);
                PrometheusText.AppendDouble(builder, point.Value);
                builder.Append('\n');
            }
        }
    }

    private void WriteHistogram(StringBuilder builder, string labelText, long[] counts, double sum)
    {
        var separator = labelText.Length == 0 ? string.Empty : ",";
        long cumulative = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            cumulative += counts[i];
            builder.Append(Name).Append("_bucket{").Append(labelText).Append(separator)
                .Append("le=\"").Append(_bucketLabels![i]).Append("\"} ").Append(cumulative).Append('\n');
        }

        WriteSample(builder, Name, "_sum", labelText);
        PrometheusText.AppendDouble(builder, sum);
        builder.Append('\n');

        // The count is the +Inf bucket, so the two can never disagree.
        WriteSample(builder, Name, "_count", labelText);
        builder.Append(cumulative).Append('\n');
    }

    private static void WriteSample(StringBuilder builder, string name, string suffix, string labelText)
    {
        builder.Append(name).Append(suffix);
        if (labelText.Length > 0)
        {
            builder.Append('{').Append(labelText).Append('}');
        }

        builder.Append(' ');
    }
}

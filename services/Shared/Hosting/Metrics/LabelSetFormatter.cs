using System.Text;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// Turns measurement tags into the canonical label text of a series (<c>a="x",b="y"</c>, sorted by
/// name, constant labels merged in), which is both the series identity and what is written between
/// the braces. Runs only the first time a tag sequence is seen, so it may allocate.
/// </summary>
internal sealed class LabelSetFormatter
{
    private readonly KeyValuePair<string, string>[] _constantLabels;
    private readonly bool _reserveLe;
    private readonly string _constantText;

    /// <param name="constantLabels">Valid label names and their values, added to every series.</param>
    /// <param name="reserveLe">True for histograms, whose <c>le</c> label is the bucket bound.</param>
    public LabelSetFormatter(IEnumerable<KeyValuePair<string, string>> constantLabels, bool reserveLe)
    {
        _constantLabels = [.. constantLabels.OrderBy(label => label.Key, StringComparer.Ordinal)];
        _reserveLe = reserveLe;
        _constantText = Render(_constantLabels);
    }

    public string Format(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return _constantText;
        }

        var labels = new List<KeyValuePair<string, string>>(tags.Length + _constantLabels.Length);
        foreach (var tag in tags)
        {
            var name = PrometheusText.SanitizeLabelName(tag.Key ?? string.Empty);

            // A constant label is the service's identity; a tag must not override or duplicate it.
            if ((_reserveLe && name == "le") || IsConstant(name))
            {
                continue;
            }

            var label = new KeyValuePair<string, string>(name, PrometheusText.FormatLabelValue(tag.Value));
            var existing = labels.FindIndex(l => l.Key == name);
            if (existing >= 0)
            {
                // Two tags that sanitize to the same name would make an invalid series; the later wins.
                labels[existing] = label;
            }
            else
            {
                labels.Add(label);
            }
        }

        labels.AddRange(_constantLabels);
        labels.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
        return Render(labels);
    }

    private bool IsConstant(string name)
    {
        foreach (var label in _constantLabels)
        {
            if (label.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    private static string Render(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (labels.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < labels.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(labels[i].Key).Append("=\"");
            PrometheusText.AppendEscapedLabelValue(builder, labels[i].Value);
            builder.Append('"');
        }

        return builder.ToString();
    }
}

using System.Text.RegularExpressions;

namespace VoiceFleet.Testing;

/// <summary>
/// The metric names a PromQL expression reads. Not a parser: it removes what cannot be a metric name
/// (strings, label matchers, ranges, grouping lists, numbers, Grafana variables), then keeps the
/// identifiers that are not functions, aggregations or keywords. Shared by the static checks of deploy/
/// (tests/VoiceFleet.Deploy.Tests, which compiles this file in) and the live fleet checks (tests/Fleet.Tests).
/// </summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
        "inf", "nan", "Inf", "NaN",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        // Grafana's label_values(metric, label) and label_values(label) read at most one metric.
        var labelValues = LabelValues().Match(expression.Trim());
        if (labelValues.Success)
        {
            return labelValues.Groups["metric"].Success ? MetricNames(labelValues.Groups["metric"].Value) : new HashSet<string>();
        }

        var text = StringLiteral().Replace(expression, " ");
        text = GrafanaVariable().Replace(text, " ");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = GroupingList().Replace(text, " ");
        text = Duration().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var isCall = match.Groups["call"].Success;
            if (!isCall && !Keywords.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    [GeneratedRegex(@"^label_values\((?:(?<metric>.+),)?\s*[A-Za-z_][A-Za-z0-9_]*\s*\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*(?::[a-z]+)?\}?")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex GroupingList();

    [GeneratedRegex(@"\b\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|s|m|h|d|w|y)?\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:.])(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}

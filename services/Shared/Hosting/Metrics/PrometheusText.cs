using System.Globalization;
using System.Text;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// The lexical rules of the Prometheus text exposition format 0.0.4: names, escaping and numbers.
/// </summary>
internal static class PrometheusText
{
    /// <summary>The media type of format 0.0.4, as Prometheus asks for it.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// Turns an instrument name into a metric name: every character outside [a-zA-Z0-9_] becomes '_'
    /// and a leading digit gets a '_' in front. Colons are valid but reserved for recording rules
    /// (promtool flags them), so they are replaced too.
    /// </summary>
    public static string SanitizeMetricName(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        if (IsValidName(name))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            builder.Append(IsNameChar(c) ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Turns a tag name into a label name. Same rules as metric names, and a name starting with
    /// "__" (reserved for Prometheus itself) is moved out of that space.
    /// </summary>
    public static string SanitizeLabelName(string name)
    {
        var sanitized = SanitizeMetricName(name);
        return sanitized.StartsWith("__", StringComparison.Ordinal) ? "tag" + sanitized : sanitized;
    }

    /// <summary>Whether <paramref name="name"/> is a label name that may be written as it is.</summary>
    public static bool IsValidLabelName(string name) =>
        name.Length > 0 && IsValidName(name) && !name.StartsWith("__", StringComparison.Ordinal);

    /// <summary>Appends a label value with backslash, double quote and line feed escaped.</summary>
    public static void AppendEscapedLabelValue(StringBuilder builder, string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            builder.Append(value);
            return;
        }

        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>Appends HELP text with backslash and line feed escaped (quotes stay as they are).</summary>
    public static void AppendEscapedHelp(StringBuilder builder, string help)
    {
        if (help.AsSpan().IndexOfAny('\\', '\n') < 0)
        {
            builder.Append(help);
            return;
        }

        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>
    /// Appends a sample value the way Prometheus parses it: +Inf, -Inf, NaN, otherwise the shortest
    /// invariant-culture text that round-trips to the same double.
    /// </summary>
    public static void AppendDouble(StringBuilder builder, double value)
    {
        if (double.IsNaN(value))
        {
            builder.Append("NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            builder.Append("+Inf");
        }
        else if (double.IsNegativeInfinity(value))
        {
            builder.Append("-Inf");
        }
        else
        {
            // "R" is the shortest round-trippable form; 32 chars hold any double ("-1.7976931348623157E+308").
            Span<char> buffer = stackalloc char[32];
            value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
            builder.Append(buffer[..written]);
        }
    }

    /// <summary>Formats a double as <see cref="AppendDouble"/> does.</summary>
    public static string FormatDouble(double value)
    {
        var builder = new StringBuilder(24);
        AppendDouble(builder, value);
        return builder.ToString();
    }

    /// <summary>Turns a tag value into label text: invariant culture, lowercase booleans, null as empty.</summary>
    public static string FormatLabelValue(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => FormatDouble(number),
        float number => FormatDouble(number),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static bool IsValidName(string name)
    {
        if (char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

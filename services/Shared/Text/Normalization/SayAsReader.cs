using System.Globalization;
using System.Text.RegularExpressions;
using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Normalization;

/// <summary>
/// Reads the content of SSML <c>&lt;say-as&gt;</c> as asked: cardinal, ordinal, digits, characters (spelled one by
/// one), telephone, date (format ymd, mdy, dmy, ym, md, y) and time, in Mandarin or English. Content that does not fit
/// is read as ordinary text with a <see cref="WarningCodes.TextNormalizationFallback"/> warning.
/// </summary>
internal static partial class SayAsReader
{
    /// <summary>The reading of <paramref name="content"/>; every character maps to the content's whole range.</summary>
    public static MappedText Read(MappedText content, SayAs sayAs, bool mandarin, NormalizationContext context)
    {
        var text = content.Text.Trim();
        var range = content.Range();
        var reading = sayAs.InterpretAs switch
        {
            "cardinal" => Cardinal(text, mandarin),
            "ordinal" => Ordinal(text, mandarin),
            "digits" => Digits(text, mandarin),
            "characters" => Characters(text, mandarin),
            "telephone" => Telephone(text, mandarin),
            "date" => Date(text, sayAs.Format, mandarin),
            "time" => Time(text, mandarin),
            _ => null,
        };
        if (reading is null)
        {
            context.Fallback(WarningCodes.TextNormalizationFallback, $"<say-as interpret-as=\"{sayAs.InterpretAs}\"> could not read '{text}' that way; it was read as ordinary text");
            return content;
        }

        var flags = sayAs.InterpretAs is "digits" or "telephone" ? CharFlags.Numeric | CharFlags.Digits : CharFlags.Numeric;
        return new MappedText.Builder().Append(reading, range, flags).Build();
    }

    private static string? Cardinal(string text, bool mandarin)
    {
        var match = NumberPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var number = match.Groups["n"].Value;
        var negative = match.Groups["neg"].Success;
        return mandarin ? (negative ? "负" : string.Empty) + ZhNumbers.Number(number) : (negative ? "minus " : string.Empty) + EnNumbers.Number(number);
    }

    private static string? Ordinal(string text, bool mandarin)
    {
        var match = OrdinalPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var number = match.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        return mandarin ? "第" + ZhNumbers.Cardinal(number) : EnNumbers.Ordinal(number);
    }

    private static string? Digits(string text, bool mandarin)
    {
        if (!text.Any(char.IsAsciiDigit))
        {
            return null;
        }

        return mandarin ? ZhNumbers.Digits(text) : EnNumbers.Digits(text);
    }

    private static string Characters(string text, bool mandarin)
    {
        var parts = new List<string>();
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c)))
        {
            parts.Add(char.IsAsciiDigit(c) ? (mandarin ? ZhNumbers.Digit(c - '0').ToString() : EnNumbers.Digit(c)) : char.ToUpperInvariant(c).ToString());
        }

        return string.Join(' ', parts);
    }

    private static string? Telephone(string text, bool mandarin)
    {
        var groups = DigitGroups().Matches(text).Select(m => m.Value).ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        var prefix = text.TrimStart().StartsWith('+') ? (mandarin ? "加" : "plus ") : string.Empty;
        return prefix + (mandarin
            ? string.Join("，", groups.Select(g => ZhNumbers.Digits(g, telephone: true)))
            : string.Join(", ", groups.Select(EnNumbers.Digits)));
    }

    private static string? Date(string text, string? format, bool mandarin)
    {
        var numbers = DigitGroups().Matches(text).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        format = (format ?? (mandarin ? "ymd" : numbers.Count == 3 && numbers[0] > 31 ? "ymd" : "mdy")).ToLowerInvariant();
        if (numbers.Count != format.Length || format.Any(c => c is not ('y' or 'm' or 'd')))
        {
            return null;
        }

        int Part(char which) => format.IndexOf(which, StringComparison.Ordinal) is var i and >= 0 ? numbers[i] : 0;
        var (year, month, day) = (Part('y'), Part('m'), Part('d'));
        if ((format.Contains('m', StringComparison.Ordinal) && month is < 1 or > 12) || (format.Contains('d', StringComparison.Ordinal) && day is < 1 or > 31))
        {
            return null;
        }

        if (mandarin)
        {
            var reading = string.Empty;
            if (year > 0)
            {
                reading += ZhNumbers.Digits(year.ToString(CultureInfo.InvariantCulture)) + "年";
            }

            if (month > 0)
            {
                reading += ZhNumbers.Cardinal(month.ToString(CultureInfo.InvariantCulture)) + "月";
            }

            if (day > 0)
            {
                reading += ZhNumbers.Cardinal(day.ToString(CultureInfo.InvariantCulture)) + "日";
            }

            return reading;
        }

        var parts = new List<string>();
        if (month > 0)
        {
            parts.Add(EnNumbers.Month(month) + (day > 0 ? " " + EnNumbers.Ordinal(day.ToString(CultureInfo.InvariantCulture)) : string.Empty));
        }
        else if (day > 0)
        {
            parts.Add("the " + EnNumbers.Ordinal(day.ToString(CultureInfo.InvariantCulture)));
        }

        if (year > 0)
        {
            parts.Add(EnNumbers.Year(year));
        }

        return string.Join(", ", parts);
    }

    private static string? Time(string text, bool mandarin)
    {
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 24 || minute > 59 || second > 59)
        {
            return null;
        }

        var h = hour.ToString(CultureInfo.InvariantCulture);
        var m = minute.ToString(CultureInfo.InvariantCulture);
        var s = second.ToString(CultureInfo.InvariantCulture);
        if (mandarin)
        {
            var reading = ZhNumbers.Cardinal(h, '点') + "点";
            if (minute > 0)
            {
                reading += (minute < 10 ? "零" : string.Empty) + ZhNumbers.Cardinal(m) + "分";
            }

            return second > 0 ? reading + ZhNumbers.Cardinal(s) + "秒" : reading;
        }

        var english = EnNumbers.Cardinal(h) + minute switch
        {
            0 when !match.Groups["ap"].Success => " o'clock",
            0 => string.Empty,
            < 10 => " oh " + EnNumbers.Cardinal(m),
            _ => " " + EnNumbers.Cardinal(m),
        };
        if (second > 0)
        {
            english += " and " + EnNumbers.Cardinal(s) + " seconds";
        }

        return match.Groups["ap"].Success ? english + (char.ToUpperInvariant(match.Groups["ap"].Value[0]) == 'P' ? " P M" : " A M") : english;
    }

    [GeneratedRegex(@"^(?<neg>[-−])?(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?<n>[\d,]+)(?:st|nd|rd|th|\.)?$")]
    private static partial Regex OrdinalPattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitGroups();

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:：.](?<m>\d{2}))?(?:[:：.](?<s>\d{2}))?\s*(?:(?<ap>[AaPp])\.?\s?[Mm]\.?)?$")]
    private static partial Regex TimePattern();
}

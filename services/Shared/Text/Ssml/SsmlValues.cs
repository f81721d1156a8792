using System.Globalization;
using System.Text.RegularExpressions;
using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Ssml;

/// <summary>Parses SSML attribute values: break times and strengths, prosody rate, pitch and volume, emotion strength.</summary>
internal static partial class SsmlValues
{
    /// <summary>The longest break accepted, in seconds.</summary>
    public const double MaxBreakSeconds = 10;

    /// <summary>Breaks of at least this many seconds end the sentence.</summary>
    public const double SentenceBreakSeconds = 0.5;

    /// <summary>Seconds of <c>&lt;break time="…"&gt;</c> (<c>500ms</c>, <c>1.5s</c>), or null when malformed or out of range.</summary>
    public static double? ParseTime(string value)
    {
        var match = TimePattern().Match(value.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var seconds = match.Groups["u"].Value == "ms" ? number / 1000 : number;
        return seconds is >= 0 and <= MaxBreakSeconds ? seconds : null;
    }

    /// <summary>Seconds of a break strength, or null when unknown.</summary>
    public static double? StrengthSeconds(string strength) => strength.Trim() switch
    {
        "none" => 0,
        "x-weak" => 0.05,
        "weak" => 0.1,
        "medium" => 0.25,
        "strong" => 0.5,
        "x-strong" => 1.0,
        _ => null,
    };

    /// <summary>The rate multiplier of <c>rate</c>: a keyword, a percentage (<c>80%</c>, <c>+10%</c>) or a number (<c>1.2</c>); null when malformed.</summary>
    public static float? ParseRate(string value)
    {
        var v = value.Trim();
        float? keyword = v switch
        {
            "x-slow" => 0.5f,
            "slow" => 0.75f,
            "medium" or "default" => 1f,
            "fast" => 1.25f,
            "x-fast" => 1.75f,
            _ => null,
        };
        if (keyword is not null)
        {
            return keyword;
        }

        if (v.EndsWith('%') && TryNumber(v[..^1], out var percent))
        {
            var rate = v[0] is '+' or '-' ? 1 + (percent / 100) : percent / 100;
            return rate is > 0 and <= 4 ? (float)rate : null;
        }

        return TryNumber(v, out var multiplier) && multiplier is > 0 and <= 4 ? (float)multiplier : null;
    }

    /// <summary>Semitones of <c>pitch</c>: a keyword, <c>+2st</c>, or a relative percentage (<c>+10%</c>); null when malformed.</summary>
    public static float? ParsePitch(string value)
    {
        var v = value.Trim();
        float? keyword = v switch
        {
            "x-low" => -6f,
            "low" => -3f,
            "medium" or "default" => 0f,
            "high" => 3f,
            "x-high" => 6f,
            _ => null,
        };
        if (keyword is not null)
        {
            return keyword;
        }

        if (v.EndsWith("st", StringComparison.Ordinal) && TryNumber(v[..^2], out var semitones) && Math.Abs(semitones) <= 24)
        {
            return (float)semitones;
        }

        if (v.EndsWith('%') && v[0] is '+' or '-' && TryNumber(v[..^1], out var percent) && percent > -100 && percent <= 300)
        {
            return (float)(12 * Math.Log2(1 + (percent / 100)));
        }

        return null;
    }

    /// <summary>Gain in dB of <c>volume</c>: a keyword or <c>+6dB</c>; null when malformed.</summary>
    public static float? ParseVolume(string value)
    {
        var v = value.Trim();
        float? keyword = v switch
        {
            "silent" => -96f,
            "x-soft" => -12f,
            "soft" => -6f,
            "medium" or "default" => 0f,
            "loud" => 6f,
            "x-loud" => 12f,
            _ => null,
        };
        if (keyword is not null)
        {
            return keyword;
        }

        return v.EndsWith("dB", StringComparison.Ordinal) && TryNumber(v[..^2], out var db) && db is >= -96 and <= 24 ? (float)db : null;
    }

    /// <summary>An emotion strength 0..1; null when malformed.</summary>
    public static float? ParseStrength(string value) =>
        TryNumber(value.Trim(), out var strength) && strength is >= 0 and <= 1 ? (float)strength : null;

    /// <summary>A prosody element's marks from its attributes (null where absent).</summary>
    public static ProsodyMarks Marks(float? rate, float? pitch, float? volume) => new(rate ?? 0, pitch ?? 0, volume ?? 0);

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);

    [GeneratedRegex("^(?<n>[0-9]+(\\.[0-9]+)?)(?<u>ms|s)$")]
    private static partial Regex TimePattern();
}

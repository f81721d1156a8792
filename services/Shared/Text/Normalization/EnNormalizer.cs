using System.Globalization;
using System.Text.RegularExpressions;
using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Normalization;

/// <summary>
/// Writes out numbers and symbols of an English span in words: times (3:30 PM → three thirty P M), dates (2023-05-06,
/// 5/6/2023, May 6, 2023), telephone numbers digit by digit, currency ($5.99 → five dollars and ninety-nine cents),
/// percentages, ordinals (22nd), units (5 km), ranges (3-5 → three to five), fractions (3/4 → three quarters), years
/// after words such as "in" or "since" (in 1999 → nineteen ninety-nine), decades (1990s), decimals, negatives and
/// cardinals (1,234 → one thousand two hundred thirty-four).
/// </summary>
internal static partial class EnNormalizer
{
    private static readonly Dictionary<string, (string One, string Many)> Units = new(StringComparer.Ordinal)
    {
        ["km/h"] = ("kilometer per hour", "kilometers per hour"), ["mph"] = ("mile per hour", "miles per hour"),
        ["km"] = ("kilometer", "kilometers"), ["kg"] = ("kilogram", "kilograms"), ["cm"] = ("centimeter", "centimeters"),
        ["mm"] = ("millimeter", "millimeters"), ["ml"] = ("milliliter", "milliliters"), ["mg"] = ("milligram", "milligrams"),
        ["°C"] = ("degree Celsius", "degrees Celsius"), ["°F"] = ("degree Fahrenheit", "degrees Fahrenheit"),
        ["kHz"] = ("kilohertz", "kilohertz"), ["MHz"] = ("megahertz", "megahertz"), ["GHz"] = ("gigahertz", "gigahertz"),
        ["Hz"] = ("hertz", "hertz"), ["GB"] = ("gigabyte", "gigabytes"), ["MB"] = ("megabyte", "megabytes"),
        ["KB"] = ("kilobyte", "kilobytes"), ["TB"] = ("terabyte", "terabytes"), ["ms"] = ("millisecond", "milliseconds"),
        ["min"] = ("minute", "minutes"), ["hr"] = ("hour", "hours"), ["hrs"] = ("hour", "hours"), ["lb"] = ("pound", "pounds"),
        ["lbs"] = ("pound", "pounds"), ["oz"] = ("ounce", "ounces"), ["ft"] = ("foot", "feet"), ["mi"] = ("mile", "miles"),
        ["kW"] = ("kilowatt", "kilowatts"), ["W"] = ("watt", "watts"), ["V"] = ("volt", "volts"), ["m"] = ("meter", "meters"),
        ["g"] = ("gram", "grams"), ["s"] = ("second", "seconds"), ["h"] = ("hour", "hours"), ["L"] = ("liter", "liters"),
    };

    private static readonly Dictionary<char, string> Symbols = new()
    {
        ['&'] = "and", ['+'] = "plus", ['='] = "equals", ['@'] = "at", ['%'] = "percent", ['×'] = "times", ['÷'] = "divided by",
        ['°'] = "degrees", ['#'] = "number",
    };

    private static readonly NumberRule[] Rules =
    [
        new("time", TimePattern(), ReadTime),
        new("date-iso", IsoDatePattern(), ReadIsoDate),
        new("date-us", UsDatePattern(), ReadUsDate),
        new("date-named", NamedDatePattern(), ReadNamedDate),
        new("telephone", PhonePattern(), ReadPhone),
        new("currency", CurrencyPattern(), ReadCurrency),
        new("percent", PercentPattern(), ReadPercent),
        new("ordinal", OrdinalPattern(), ReadOrdinal),
        new("decade", DecadePattern(), ReadDecade),
        new("unit", UnitPattern(), ReadUnit),
        new("version", VersionPattern(), ReadVersion),
        new("range", RangePattern(), ReadRange),
        new("fraction", FractionPattern(), ReadFraction),
        new("year", YearPattern(), ReadYear),
        new("decimal", DecimalPattern(), ReadDecimal),
        new("negative", NegativePattern(), ReadNegative),
        new("integer", IntegerPattern(), ReadInteger),
    ];

    /// <summary>Normalizes one English span (full-width forms already folded).</summary>
    public static MappedText Normalize(MappedText text, NormalizationContext context)
    {
        _ = context;
        return RuleScanner.Apply(text, Rules, c => char.IsAsciiDigit(c) || char.IsAsciiLetter(c) || c is '$' or '€' or '£' or '¥' or '-' or '−' or '(' or '+', Other, padWords: true);
    }

    private static void Other(MappedText input, int i, MappedText.Builder output)
    {
        var c = input.Text[i];
        if (Symbols.TryGetValue(c, out var word))
        {
            output.Append(" " + word + " ", input.Sources[i], CharFlags.Numeric);
        }
        else
        {
            output.Append(input, i, 1);
        }
    }

    private static bool ReadTime(Match m, RuleEmitter e)
    {
        var hour = Int(m.Groups["h"].Value);
        var minute = Int(m.Groups["m"].Value);
        if (hour > 24 || minute > 59 || char.IsAsciiDigit(e.Previous))
        {
            return false;
        }

        var reading = EnNumbers.Cardinal(m.Groups["h"].Value);
        var meridiem = m.Groups["ap"].Success;
        reading += minute switch
        {
            0 when !meridiem => " o'clock",
            0 => string.Empty,
            < 10 => " oh " + EnNumbers.Cardinal(m.Groups["m"].Value),
            _ => " " + EnNumbers.Cardinal(m.Groups["m"].Value),
        };
        if (m.Groups["s"].Success && Int(m.Groups["s"].Value) > 0)
        {
            reading += " and " + EnNumbers.Cardinal(m.Groups["s"].Value) + " seconds";
        }

        if (meridiem)
        {
            reading += char.ToUpperInvariant(m.Groups["ap"].Value[0]) == 'P' ? " P M" : " A M";
        }

        e.Add(reading);
        return true;
    }

    private static bool ReadIsoDate(Match m, RuleEmitter e) =>
        Date(e, Int(m.Groups["y"].Value), Int(m.Groups["m"].Value), Int(m.Groups["d"].Value));

    private static bool ReadUsDate(Match m, RuleEmitter e) =>
        Date(e, Int(m.Groups["y"].Value), Int(m.Groups["m"].Value), Int(m.Groups["d"].Value));

    private static bool ReadNamedDate(Match m, RuleEmitter e)
    {
        var month = EnNumbers.MonthNumber(m.Groups["mon"].Value);
        var day = Int(m.Groups["d"].Value);
        if (month == 0 || day is < 1 or > 31)
        {
            return false;
        }

        var reading = EnNumbers.Month(month) + " " + EnNumbers.Ordinal(m.Groups["d"].Value);
        if (m.Groups["y"].Success)
        {
            reading += ", " + EnNumbers.Year(Int(m.Groups["y"].Value));
        }

        e.Add(reading);
        return true;
    }

    /// <summary>A date read as "May sixth, twenty twenty-three".</summary>
    public static bool Date(RuleEmitter e, int year, int month, int day)
    {
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            return false;
        }

        e.Add(EnNumbers.Month(month) + " " + EnNumbers.Ordinal(day.ToString(CultureInfo.InvariantCulture)) + (year > 0 ? ", " + EnNumbers.Year(year) : string.Empty));
        return true;
    }

    private static bool ReadPhone(Match m, RuleEmitter e)
    {
        if (char.IsAsciiDigit(e.Previous))
        {
            return false;
        }

        var groups = DigitGroups().Matches(m.Value).Select(g => EnNumbers.Digits(g.Value));
        e.Add((m.Value.StartsWith('+') ? "plus " : string.Empty) + string.Join(", ", groups), CharFlags.Numeric | CharFlags.Digits);
        return true;
    }

    private static bool ReadCurrency(Match m, RuleEmitter e)
    {
        var (one, many, centOne, centMany) = m.Groups["sym"].Value switch
        {
            "$" => ("dollar", "dollars", "cent", "cents"),
            "€" => ("euro", "euros", "cent", "cents"),
            "£" => ("pound", "pounds", "penny", "pence"),
            _ => ("yuan", "yuan", "fen", "fen"),
        };
        var integer = m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        var scale = m.Groups["scale"].Value.ToLowerInvariant();
        var cents = m.Groups["c"].Value;
        string reading;
        if (scale.Length > 0)
        {
            reading = (cents.Length > 0 ? EnNumbers.Decimal(integer, cents) : EnNumbers.Cardinal(integer)) + " " + scale + " " + many;
        }
        else
        {
            var isOne = integer.TrimStart('0') == "1";
            reading = EnNumbers.Cardinal(integer) + " " + (isOne ? one : many);
            if (cents.Length > 0 && cents.TrimStart('0').Length > 0)
            {
                var padded = cents.Length == 1 ? cents + "0" : cents;
                reading += " and " + EnNumbers.Cardinal(padded) + " " + (padded.TrimStart('0') == "1" ? centOne : centMany);
            }
        }

        e.Add(reading);
        return true;
    }

    private static bool ReadPercent(Match m, RuleEmitter e)
    {
        var negative = m.Groups["neg"].Success;
        if (negative && char.IsAsciiLetterOrDigit(e.Previous))
        {
            return false;
        }

        e.Add((negative ? "minus " : string.Empty) + EnNumbers.Number(m.Groups["n"].Value) + " percent");
        return true;
    }

    private static bool ReadOrdinal(Match m, RuleEmitter e)
    {
        e.Add(EnNumbers.Ordinal(m.Groups["n"].Value));
        return true;
    }

    private static bool ReadDecade(Match m, RuleEmitter e)
    {
        var year = EnNumbers.Year(Int(m.Groups["y"].Value));
        var plural = year.EndsWith('y') ? year[..^1] + "ies" : year + "s";
        e.Add(plural);
        return true;
    }

    private static bool ReadUnit(Match m, RuleEmitter e)
    {
        var negative = m.Groups["neg"].Success && !char.IsAsciiLetterOrDigit(e.Previous);
        var number = m.Groups["n"].Value;
        var (one, many) = Units[m.Groups["u"].Value];
        e.Add((negative ? "minus " : string.Empty) + EnNumbers.Number(number) + " " + (number == "1" ? one : many));
        return true;
    }

    private static bool ReadVersion(Match m, RuleEmitter e)
    {
        e.Add(string.Join(" point ", m.Value.Split('.').Select(EnNumbers.Cardinal)));
        return true;
    }

    private static bool ReadRange(Match m, RuleEmitter e)
    {
        if (char.IsAsciiLetterOrDigit(e.Previous))
        {
            return false;
        }

        e.Add(EnNumbers.Number(m.Groups["a"].Value), m.Groups["a"])
            .Add(" to ", m.Groups["a"].Index + m.Groups["a"].Length, m.Groups["b"].Index)
            .Add(EnNumbers.Number(m.Groups["b"].Value), m.Groups["b"]);
        return true;
    }

    private static bool ReadFraction(Match m, RuleEmitter e)
    {
        if (m.Groups["b"].Value.TrimStart('0').Length == 0)
        {
            return false;
        }

        e.Add(EnNumbers.Fraction(m.Groups["a"].Value, m.Groups["b"].Value));
        return true;
    }

    private static bool ReadYear(Match m, RuleEmitter e)
    {
        e.Add(m.Groups["w"].Value, m.Groups["w"], CharFlags.None).Add(EnNumbers.Year(Int(m.Groups["y"].Value)), m.Groups["y"]);
        return true;
    }

    private static bool ReadDecimal(Match m, RuleEmitter e)
    {
        var negative = m.Groups["neg"].Success && !char.IsAsciiLetterOrDigit(e.Previous);
        e.Add((negative ? "minus " : string.Empty) + EnNumbers.Decimal(m.Groups["i"].Value, m.Groups["f"].Value));
        return true;
    }

    private static bool ReadNegative(Match m, RuleEmitter e)
    {
        if (char.IsAsciiLetterOrDigit(e.Previous))
        {
            return false;
        }

        e.Add("minus " + EnNumbers.Cardinal(m.Groups["n"].Value));
        return true;
    }

    private static bool ReadInteger(Match m, RuleEmitter e)
    {
        var digits = m.Value.Replace(",", string.Empty, StringComparison.Ordinal);
        e.Add(digits.Length > 1 && digits[0] == '0' ? EnNumbers.Digits(digits) : EnNumbers.Cardinal(digits), digits.Length > 1 && digits[0] == '0' ? CharFlags.Numeric | CharFlags.Digits : CharFlags.Numeric);
        return true;
    }

    private static int Int(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    [GeneratedRegex(@"\G(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?(?:\s?(?<ap>[AaPp])\.?\s?[Mm](?![A-Za-z]))?(?!\d)")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\G(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?!\d)")]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"\G(?<m>\d{1,2})/(?<d>\d{1,2})/(?<y>\d{4})(?!\d)")]
    private static partial Regex UsDatePattern();

    [GeneratedRegex(@"\G(?<![A-Za-z])(?<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y>\d{4}))?(?!\d)")]
    private static partial Regex NamedDatePattern();

    [GeneratedRegex(@"\G(?:\+\d{1,3}[\s-])?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?!\d)")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitGroups();

    [GeneratedRegex(@"\G(?<sym>[$€£¥])\s?(?<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<c>\d{1,2}))?(?!\d)(?:\s(?<scale>thousand|million|billion|trillion)\b)?")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"\G(?<neg>[-−])?(?<n>\d+(?:\.\d+)?)\s?%")]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"\G(?<n>\d+)(?:st|nd|rd|th)\b")]
    private static partial Regex OrdinalPattern();

    [GeneratedRegex(@"\G(?<y>1[1-9]\d0|20\d0)s\b")]
    private static partial Regex DecadePattern();

    [GeneratedRegex(@"\G(?<neg>[-−])?(?<n>\d+(?:\.\d+)?)\s?(?<u>km/h|mph|km|kg|cm|mm|ml|mg|°C|°F|kHz|MHz|GHz|Hz|GB|MB|KB|TB|ms|min|hrs|hr|lbs|lb|oz|ft|mi|kW|W|V|m|g|s|h|L)\b")]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"\G\d+(?:\.\d+){2,}")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"\G(?<a>\d+(?:\.\d+)?)\s?[-–~]\s?(?<b>\d+(?:\.\d+)?)(?![\d.:])")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\G(?<a>\d+)/(?<b>\d+)(?![\d/])")]
    private static partial Regex FractionPattern();

    [GeneratedRegex(@"\G(?<![A-Za-z])(?<w>(?:[Ii]n|[Ss]ince|[Bb]y|[Ff]rom|[Uu]ntil|[Tt]ill|[Oo]f|[Yy]ear|[Cc]irca|[Aa]round|[Bb]efore|[Aa]fter|[Ii]n the year)\s+)(?<y>1[1-9]\d\d|20\d\d)(?![\d,.]\d)")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"\G(?<neg>[-−])?(?<i>\d+)\.(?<f>\d+)")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"\G[-−](?<n>\d+)")]
    private static partial Regex NegativePattern();

    [GeneratedRegex(@"\G(?:\d{1,3}(?:,\d{3})+|\d+)(?!\d)")]
    private static partial Regex IntegerPattern();
}

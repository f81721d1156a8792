using System.Globalization;
using System.Numerics;
using System.Text;

namespace VoiceFleet.Text.Normalization;

/// <summary>Reads numbers in English words: cardinals, ordinals, years, digits, decimals, fractions.</summary>
internal static class EnNumbers
{
    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly string[] Scales = ["", "thousand", "million", "billion", "trillion", "quadrillion"];

    private static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>The month's name, 1-based.</summary>
    public static string Month(int month) => Months[month - 1];

    /// <summary>The month number of a name or a three-letter abbreviation, or 0.</summary>
    public static int MonthNumber(string name)
    {
        for (var i = 0; i < Months.Length; i++)
        {
            if (Months[i].StartsWith(name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) && name.TrimEnd('.').Length >= 3)
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>A digit's word.</summary>
    public static string Digit(char digit) => Ones[digit - '0'];

    /// <summary>Each digit as a word, separated by spaces.</summary>
    public static string Digits(string digits) =>
        string.Join(' ', digits.Where(char.IsAsciiDigit).Select(Digit));

    /// <summary>A cardinal: 204 → two hundred four, 1,234 → one thousand two hundred thirty-four. Over 18 digits: digit by digit.</summary>
    public static string Cardinal(string digits)
    {
        var plain = digits.Replace(",", string.Empty, StringComparison.Ordinal).TrimStart('0');
        if (plain.Length == 0)
        {
            return "zero";
        }

        if (plain.Length > 18)
        {
            return Digits(plain);
        }

        var value = BigInteger.Parse(plain, CultureInfo.InvariantCulture);
        var groups = new List<int>();
        while (value > 0)
        {
            groups.Add((int)(value % 1000));
            value /= 1000;
        }

        var parts = new List<string>();
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            if (groups[g] == 0)
            {
                continue;
            }

            parts.Add(Hundreds(groups[g]));
            if (Scales[g].Length > 0)
            {
                parts.Add(Scales[g]);
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>An ordinal: 1 → first, 22 → twenty-second, 100 → one hundredth.</summary>
    public static string Ordinal(string digits)
    {
        var cardinal = Cardinal(digits);
        var split = cardinal.LastIndexOfAny([' ', '-']);
        var head = split < 0 ? string.Empty : cardinal[..(split + 1)];
        var last = split < 0 ? cardinal : cardinal[(split + 1)..];
        var ordinal = last switch
        {
            "one" => "first",
            "two" => "second",
            "three" => "third",
            "five" => "fifth",
            "eight" => "eighth",
            "nine" => "ninth",
            "twelve" => "twelfth",
            _ when last.EndsWith('y') => last[..^1] + "ieth",
            _ => last + "th",
        };
        return head + ordinal;
    }

    /// <summary>A year: 1999 → nineteen ninety-nine, 2005 → two thousand five, 2023 → twenty twenty-three, 1900 → nineteen hundred.</summary>
    public static string Year(int year)
    {
        if (year is < 1000 or > 9999 || (year % 1000 < 10 && year / 1000 == 2) || year % 1000 == 0)
        {
            return Cardinal(year.ToString(CultureInfo.InvariantCulture));
        }

        var high = year / 100;
        var low = year % 100;
        return low switch
        {
            0 => Hundreds(high) + " hundred",
            < 10 => Hundreds(high) + " oh " + Ones[low],
            _ => Hundreds(high) + " " + Hundreds(low),
        };
    }

    /// <summary>A decimal: 3.14 → three point one four.</summary>
    public static string Decimal(string integerDigits, string fractionDigits) =>
        Cardinal(integerDigits) + " point " + Digits(fractionDigits);

    /// <summary>A number with an optional fraction.</summary>
    public static string Number(string text)
    {
        var plain = text.Replace(",", string.Empty, StringComparison.Ordinal);
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? Cardinal(plain) : Decimal(plain[..dot], plain[(dot + 1)..]);
    }

    /// <summary>A fraction: 1/2 → one half, 3/4 → three quarters, 5/8 → five eighths.</summary>
    public static string Fraction(string numerator, string denominator)
    {
        var top = Cardinal(numerator);
        var one = numerator.TrimStart('0') == "1";
        var bottom = denominator.TrimStart('0') switch
        {
            "2" => one ? "half" : "halves",
            "4" => one ? "quarter" : "quarters",
            var d => Ordinal(d) + (one ? string.Empty : "s"),
        };
        return top + " " + bottom;
    }

    private static string Hundreds(int value)
    {
        var builder = new StringBuilder();
        if (value >= 100)
        {
            builder.Append(Ones[value / 100]).Append(" hundred");
            value %= 100;
            if (value > 0)
            {
                builder.Append(' ');
            }
        }

        if (value >= 20)
        {
            builder.Append(Tens[value / 10]);
            if (value % 10 > 0)
            {
                builder.Append('-').Append(Ones[value % 10]);
            }
        }
        else if (value > 0)
        {
            builder.Append(Ones[value]);
        }

        return builder.ToString();
    }
}

using System.Numerics;
using System.Text.RegularExpressions;

namespace VoiceFleet.Models.Store;

/// <summary>
/// Orders versions naturally: numeric versions first (<c>v9</c> &lt; <c>v10</c> &lt; <c>v21</c> &lt; <c>v23</c>,
/// <c>1.2.0</c> &lt; <c>1.10.0</c>; a <c>v</c> prefix is ignored), compared number by number; then every other version
/// (<c>beta</c>, <c>v-slow</c>, <c>v21-rc2</c>) alphabetically, runs of digits compared as numbers.
/// </summary>
public sealed partial class ModelVersionComparer : IComparer<string>
{
    private ModelVersionComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static ModelVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var xNumeric = NumericVersion().IsMatch(x);
        var yNumeric = NumericVersion().IsMatch(y);
        if (xNumeric != yNumeric)
        {
            return xNumeric ? -1 : 1;
        }

        if (xNumeric)
        {
            var byNumbers = CompareNumbers(x.TrimStart('v').Split('.'), y.TrimStart('v').Split('.'));
            if (byNumbers != 0)
            {
                return byNumbers;
            }
        }

        var natural = CompareNatural(x, y);
        return natural != 0 ? natural : string.CompareOrdinal(x, y);
    }

    private static int CompareNumbers(string[] x, string[] y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var order = BigInteger.Parse(x[i], System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(BigInteger.Parse(y[i], System.Globalization.CultureInfo.InvariantCulture));
            if (order != 0)
            {
                return order;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>Compares run by run: digit runs as numbers (a digit run before any other character), other runs ordinally.</summary>
    private static int CompareNatural(string x, string y)
    {
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var xDigit = char.IsAsciiDigit(x[i]);
            var yDigit = char.IsAsciiDigit(y[j]);
            if (xDigit && yDigit)
            {
                var xEnd = RunEnd(x, i);
                var yEnd = RunEnd(y, j);
                var order = CompareDigits(x[i..xEnd], y[j..yEnd]);
                if (order != 0)
                {
                    return order;
                }

                i = xEnd;
                j = yEnd;
                continue;
            }

            if (xDigit != yDigit)
            {
                return xDigit ? -1 : 1;
            }

            var chars = x[i].CompareTo(y[j]);
            if (chars != 0)
            {
                return chars;
            }

            i++;
            j++;
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static int RunEnd(string s, int start)
    {
        var end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return end;
    }

    private static int CompareDigits(string x, string y)
    {
        var xs = x.TrimStart('0');
        var ys = y.TrimStart('0');
        return xs.Length != ys.Length ? xs.Length.CompareTo(ys.Length) : string.CompareOrdinal(xs, ys);
    }

    [GeneratedRegex(@"\Av?[0-9]+(\.[0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumericVersion();
}

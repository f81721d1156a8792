using System.Numerics;
using System.Text;

namespace VoiceFleet.Text.Normalization;

/// <summary>Reads numbers in Mandarin: cardinals (万/亿 grouping, 零 rules, 两), digit strings, decimals.</summary>
internal static class ZhNumbers
{
    private const string DigitChars = "零一二三四五六七八九";
    private static readonly string[] SmallUnits = ["", "十", "百", "千"];
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿", "亿亿"];

    /// <summary>Measure words before which 2 is read 两 (两个, 两本).</summary>
    private const string LiangMeasures = "个只本位次件张条天年岁辆台块元种项份名把双对头匹杯碗瓶口家所座棵朵句段篇首部套层届周斤米公里吨分秒小点倍";

    /// <summary>The digit's character (0 → 零).</summary>
    public static char Digit(int digit) => DigitChars[digit];

    /// <summary>Each digit read by itself: 2023 → 二零二三; <paramref name="telephone"/> reads 1 as 幺.</summary>
    public static string Digits(string digits, bool telephone = false)
    {
        var builder = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(telephone && c == '1' ? '幺' : DigitChars[c - '0']);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A cardinal: 10 → 十, 15 → 十五, 105 → 一百零五, 1001 → 一千零一, 20000 → 两万, 100000000 → 一亿. Numbers over 16
    /// digits are read digit by digit.
    /// </summary>
    /// <param name="digits">The digits (no sign, no separators).</param>
    /// <param name="nextChar">The character after the number, to read a lone 2 as 两 before a measure word.</param>
    public static string Cardinal(string digits, char nextChar = '\0')
    {
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length == 0)
        {
            return "零";
        }

        if (trimmed.Length > 16)
        {
            return Digits(digits);
        }

        if (trimmed == "2" && LiangMeasures.Contains(nextChar, StringComparison.Ordinal))
        {
            return "两";
        }

        var value = BigInteger.Parse(trimmed, System.Globalization.CultureInfo.InvariantCulture);
        var groups = new List<int>();
        while (value > 0)
        {
            groups.Add((int)(value % 10000));
            value /= 10000;
        }

        var builder = new StringBuilder();
        var pendingZero = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                pendingZero = builder.Length > 0;
                continue;
            }

            if (builder.Length > 0 && (pendingZero || group < 1000))
            {
                builder.Append('零');
            }

            pendingZero = false;
            builder.Append(Group(group, leading: builder.Length == 0, liangAllowed: g > 0 || group >= 1000));
            builder.Append(GroupUnits[g]);
        }

        return builder.ToString();
    }

    /// <summary>A decimal: integer part as a cardinal, 点, then each fraction digit.</summary>
    public static string Decimal(string integerDigits, string fractionDigits) =>
        Cardinal(integerDigits) + "点" + Digits(fractionDigits);

    /// <summary>A number with an optional fraction: "12.5" → 十二点五.</summary>
    public static string Number(string text)
    {
        var plain = text.Replace(",", string.Empty, StringComparison.Ordinal);
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? Cardinal(plain) : Decimal(plain[..dot], plain[(dot + 1)..]);
    }

    private static string Group(int group, bool leading, bool liangAllowed)
    {
        var builder = new StringBuilder();
        var zero = false;
        for (var position = 3; position >= 0; position--)
        {
            var divisor = position switch { 3 => 1000, 2 => 100, 1 => 10, _ => 1 };
            var digit = group / divisor % 10;
            if (digit == 0)
            {
                zero = builder.Length > 0;
                continue;
            }

            if (zero)
            {
                builder.Append('零');
                zero = false;
            }

            if (position == 1 && digit == 1 && leading && builder.Length == 0)
            {
                builder.Append('十'); // 十五, not 一十五, at the start of a number
                continue;
            }

            var useLiang = digit == 2 && builder.Length == 0 && liangAllowed && position == 3;
            builder.Append(useLiang ? '两' : DigitChars[digit]);
            builder.Append(SmallUnits[position]);
        }

        if (builder.Length > 0 && builder[^1] == '二' && liangAllowed && group == 2 && leading)
        {
            builder[^1] = '两'; // 两万, 两亿
        }

        return builder.ToString();
    }
}

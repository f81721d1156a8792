using System.Globalization;
using System.Text.RegularExpressions;
using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Normalization;

/// <summary>
/// Writes out numbers and symbols of a Mandarin span in Han characters: dates (2023-05-06, 2023年 → 二零二三年), times
/// (3:30 → 三点三十分), telephone numbers digit by digit (1 as 幺), currency (¥12.50 → 十二元五角, $5 → 五美元), percentages,
/// ranges (3-5天 → 三到五天), fractions (3/4 → 四分之三), ordinals (第2 → 第二), units (5km → 五千米), decimals,
/// negatives, cardinals (1,234 → 一千二百三十四; 2个 → 两个).
/// </summary>
internal static partial class ZhNormalizer
{
    private static readonly Dictionary<char, string> Symbols = new()
    {
        ['+'] = "加", ['='] = "等于", ['&'] = "和", ['×'] = "乘", ['÷'] = "除以", ['@'] = "艾特", ['℃'] = "摄氏度", ['‰'] = "千分之",
    };

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["km/h"] = "千米每小时", ["m/s"] = "米每秒", ["km²"] = "平方千米", ["m²"] = "平方米", ["m³"] = "立方米", ["km"] = "千米",
        ["kg"] = "千克", ["cm"] = "厘米", ["mm"] = "毫米", ["ml"] = "毫升", ["mL"] = "毫升", ["mg"] = "毫克", ["μm"] = "微米",
        ["nm"] = "纳米", ["°C"] = "摄氏度", ["℃"] = "摄氏度", ["°F"] = "华氏度", ["℉"] = "华氏度", ["kWh"] = "千瓦时", ["kW"] = "千瓦",
        ["kHz"] = "千赫兹", ["MHz"] = "兆赫兹", ["GHz"] = "吉赫兹", ["Hz"] = "赫兹", ["GB"] = "G B", ["MB"] = "M B", ["KB"] = "K B",
        ["TB"] = "T B", ["ms"] = "毫秒", ["min"] = "分钟", ["h"] = "小时", ["s"] = "秒", ["m"] = "米", ["g"] = "克", ["L"] = "升",
        ["l"] = "升", ["t"] = "吨", ["W"] = "瓦", ["V"] = "伏", ["mAh"] = "毫安时",
    };

    private static readonly NumberRule[] Rules =
    [
        new("date", DatePattern(), ReadDate),
        new("time", TimePattern(), ReadTime),
        new("telephone", PhonePattern(), ReadPhone),
        new("currency", CurrencyPattern(), ReadCurrency),
        new("percent-range", PercentRangePattern(), ReadPercentRange),
        new("percent", PercentPattern(), ReadPercent),
        new("version", VersionPattern(), ReadVersion),
        new("range", RangePattern(), ReadRange),
        new("fraction", FractionPattern(), ReadFraction),
        new("ordinal", OrdinalPattern(), ReadOrdinal),
        new("year", YearPattern(), ReadYear),
        new("unit", UnitPattern(), ReadUnit),
        new("decimal", DecimalPattern(), ReadDecimal),
        new("negative", NegativePattern(), ReadNegative),
        new("grouped", GroupedPattern(), ReadInteger),
        new("integer", IntegerPattern(), ReadInteger),
    ];

    /// <summary>Normalizes one Mandarin span (full-width forms already folded).</summary>
    public static MappedText Normalize(MappedText text, NormalizationContext context) =>
        RuleScanner.Apply(text, Rules, c => char.IsAsciiDigit(c) || c is '¥' or '￥' or '$' or '€' or '£' or '-' or '−' or '第', (input, i, output) => Other(input, i, output, context));

    /// <summary>A cardinal for say-as and other callers.</summary>
    public static string Cardinal(string digits) => ZhNumbers.Cardinal(digits);

    private static void Other(MappedText input, int i, MappedText.Builder output, NormalizationContext context)
    {
        var c = input.Text[i];
        if (Symbols.TryGetValue(c, out var reading))
        {
            output.Append(reading, input.Sources[i], CharFlags.Numeric);
        }
        else if (Scripts.IsHan(c) || Scripts.IsPunctuation(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c))
        {
            output.Append(input, i, 1);
        }
        else
        {
            context.Fallback(WarningCodes.TextNormalizationFallback, string.Create(CultureInfo.InvariantCulture, $"the symbol '{c}' (U+{(int)c:X4}) has no Mandarin reading and was skipped"));
        }
    }

    private static bool ReadDate(Match m, RuleEmitter e)
    {
        var month = Int(m.Groups["m"].Value);
        var day = Int(m.Groups["d"].Value);
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            return false;
        }

        e.Add(ZhNumbers.Digits(m.Groups["y"].Value) + "年", m.Groups["y"], CharFlags.Numeric | CharFlags.Digits)
            .Add(ZhNumbers.Cardinal(m.Groups["m"].Value) + "月", m.Groups["m"])
            .Add(ZhNumbers.Cardinal(m.Groups["d"].Value) + (e.Next is '日' or '号' ? string.Empty : "日"), m.Groups["d"]);
        return true;
    }

    private static bool ReadTime(Match m, RuleEmitter e)
    {
        var hour = Int(m.Groups["h"].Value);
        var minute = Int(m.Groups["m"].Value);
        var second = m.Groups["s"].Success ? Int(m.Groups["s"].Value) : 0;
        if (hour > 24 || minute > 59 || second > 59)
        {
            return false;
        }

        e.Add(ZhNumbers.Cardinal(m.Groups["h"].Value, '点') + "点", m.Groups["h"]);
        if (minute > 0 || second > 0)
        {
            e.Add((minute is > 0 and < 10 ? "零" : string.Empty) + ZhNumbers.Cardinal(m.Groups["m"].Value) + "分", m.Groups["m"]);
        }

        if (second > 0)
        {
            e.Add(ZhNumbers.Cardinal(m.Groups["s"].Value) + "秒", m.Groups["s"]);
        }

        return true;
    }

    private static bool ReadPhone(Match m, RuleEmitter e)
    {
        if (char.IsAsciiDigit(e.Previous))
        {
            return false;
        }

        e.Add(ZhNumbers.Digits(m.Value, telephone: true), CharFlags.Numeric | CharFlags.Digits);
        return true;
    }

    private static bool ReadCurrency(Match m, RuleEmitter e)
    {
        var symbol = m.Groups["sym"].Value;
        var integer = m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        var fraction = m.Groups["f"].Value;
        var scale = m.Groups["scale"].Value;
        var sign = m.Groups["neg"].Success ? "负" : string.Empty;
        if (symbol is "¥" or "￥" && scale.Length == 0)
        {
            var reading = sign + ZhNumbers.Cardinal(integer) + "元";
            if (fraction.Length > 0 && fraction.Length <= 2)
            {
                var jiao = fraction[0] - '0';
                var fen = fraction.Length == 2 ? fraction[1] - '0' : 0;
                if (jiao > 0)
                {
                    reading += ZhNumbers.Digit(jiao) + "角";
                }
                else if (fen > 0)
                {
                    reading += "零";
                }

                if (fen > 0)
                {
                    reading += ZhNumbers.Digit(fen) + "分";
                }
            }
            else if (fraction.Length > 2)
            {
                reading = sign + ZhNumbers.Decimal(integer, fraction) + "元";
            }

            e.Add(reading);
            return true;
        }

        var unit = symbol switch
        {
            "$" => "美元",
            "€" => "欧元",
            "£" => "英镑",
            _ => "元",
        };
        var amount = fraction.Length > 0 ? ZhNumbers.Decimal(integer, fraction) : ZhNumbers.Cardinal(integer);
        e.Add(sign + amount + scale + unit);
        return true;
    }

    private static bool ReadPercentRange(Match m, RuleEmitter e)
    {
        e.Add("百分之" + ZhNumbers.Number(m.Groups["a"].Value), m.Groups["a"])
            .Add("到", m.Groups["a"].Index + m.Groups["a"].Length, m.Groups["b"].Index)
            .Add("百分之" + ZhNumbers.Number(m.Groups["b"].Value), m.Groups["b"]);
        return true;
    }

    private static bool ReadPercent(Match m, RuleEmitter e)
    {
        var negative = m.Groups["neg"].Success;
        if (negative && char.IsAsciiLetterOrDigit(e.Previous))
        {
            return false;
        }

        e.Add((negative ? "负" : string.Empty) + "百分之" + ZhNumbers.Number(m.Groups["n"].Value));
        return true;
    }

    private static bool ReadVersion(Match m, RuleEmitter e)
    {
        e.Add(string.Join("点", m.Value.Split('.').Select(part => ZhNumbers.Cardinal(part))));
        return true;
    }

    private static bool ReadRange(Match m, RuleEmitter e)
    {
        var a = m.Groups["a"].Value;
        var b = m.Groups["b"].Value;
        if (a.Length == 4 && !a.Contains('.', StringComparison.Ordinal) && b.Length <= 2 && Int(b) is >= 1 and <= 12 && e.Next != '年')
        {
            // 2023-05: a year and a month.
            e.Add(ZhNumbers.Digits(a) + "年", m.Groups["a"], CharFlags.Numeric | CharFlags.Digits).Add(ZhNumbers.Cardinal(b) + "月", m.Groups["b"]);
            return true;
        }

        var years = a.Length == 4 && b.Length == 4 && e.Next == '年';
        string Read(string value) => years ? ZhNumbers.Digits(value) : ZhNumbers.Number(value);
        var flags = years ? CharFlags.Numeric | CharFlags.Digits : CharFlags.Numeric;
        e.Add(Read(a), m.Groups["a"], flags)
            .Add("到", m.Groups["a"].Index + m.Groups["a"].Length, m.Groups["b"].Index)
            .Add(Read(b), m.Groups["b"], flags);
        return true;
    }

    private static bool ReadFraction(Match m, RuleEmitter e)
    {
        if (m.Groups["b"].Value.TrimStart('0').Length == 0)
        {
            return false;
        }

        e.Add(ZhNumbers.Cardinal(m.Groups["b"].Value) + "分之", m.Groups["b"]).Add(ZhNumbers.Cardinal(m.Groups["a"].Value), m.Groups["a"]);
        return true;
    }

    private static bool ReadOrdinal(Match m, RuleEmitter e)
    {
        e.Add("第", m.Index, m.Index + 1, CharFlags.None).Add(ZhNumbers.Cardinal(m.Groups["n"].Value), m.Groups["n"]);
        return true;
    }

    private static bool ReadYear(Match m, RuleEmitter e)
    {
        e.Add(ZhNumbers.Digits(m.Groups["y"].Value), m.Groups["y"], CharFlags.Numeric | CharFlags.Digits);
        e.MatchEnd = m.Groups["y"].Index + m.Groups["y"].Length;
        return true;
    }

    private static bool ReadUnit(Match m, RuleEmitter e)
    {
        var negative = m.Groups["neg"].Success;
        if (negative && char.IsAsciiLetterOrDigit(e.Previous))
        {
            return false;
        }

        e.Add((negative ? "负" : string.Empty) + ZhNumbers.Number(m.Groups["n"].Value), m.Groups["n"])
            .Add(Units[m.Groups["u"].Value], m.Groups["u"], CharFlags.None);
        return true;
    }

    private static bool ReadDecimal(Match m, RuleEmitter e)
    {
        var negative = m.Groups["neg"].Success;
        if (negative && char.IsAsciiLetterOrDigit(e.Previous))
        {
            return false;
        }

        e.Add((negative ? "负" : string.Empty) + ZhNumbers.Decimal(m.Groups["i"].Value, m.Groups["f"].Value));
        return true;
    }

    private static bool ReadNegative(Match m, RuleEmitter e)
    {
        if (char.IsAsciiLetterOrDigit(e.Previous))
        {
            return false;
        }

        e.Add("负" + ZhNumbers.Cardinal(m.Groups["n"].Value, e.Next));
        return true;
    }

    private static bool ReadInteger(Match m, RuleEmitter e)
    {
        var digits = m.Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (digits.Length > 1 && digits[0] == '0')
        {
            e.Add(ZhNumbers.Digits(digits), CharFlags.Numeric | CharFlags.Digits);
        }
        else
        {
            e.Add(ZhNumbers.Cardinal(digits, e.Next));
        }

        return true;
    }

    private static int Int(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    [GeneratedRegex(@"\G(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})(?!\d)")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\G(?<h>\d{1,2})[:：](?<m>\d{2})(?:[:：](?<s>\d{2}))?(?!\d)")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\G(?:(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|0\d{2,3}-\d{7,8}|[48]00-?\d{3}-?\d{4}|\d{3,4}-\d{3,4}-\d{4})(?!\d)")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\G(?<sym>[¥￥$€£])\s?(?<neg>-)?(?<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<f>\d+))?(?<scale>[万亿])?")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"\G(?<a>\d+(?:\.\d+)?)%?\s?[-~～—–至到]\s?(?<b>\d+(?:\.\d+)?)%")]
    private static partial Regex PercentRangePattern();

    [GeneratedRegex(@"\G(?<neg>[-−])?(?<n>\d+(?:\.\d+)?)\s?%")]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"\G\d+(?:\.\d+){2,}")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"\G(?<a>\d+(?:\.\d+)?)\s?[-~～—–]\s?(?<b>\d+(?:\.\d+)?)(?![\d.:])")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\G(?<a>\d+)/(?<b>\d+)(?![\d/])")]
    private static partial Regex FractionPattern();

    [GeneratedRegex(@"\G第\s?(?<n>\d+)")]
    private static partial Regex OrdinalPattern();

    [GeneratedRegex(@"\G(?<y>\d{4})(?=\s?年)")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"\G(?<neg>[-−])?(?<n>\d+(?:\.\d+)?)\s?(?<u>km/h|m/s|km²|m²|m³|kWh|mAh|km|kg|cm|mm|ml|mL|mg|μm|nm|°C|℃|°F|℉|kW|kHz|MHz|GHz|Hz|GB|MB|KB|TB|ms|min|h|s|m|g|L|l|t|W|V)(?![A-Za-z])")]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"\G(?<neg>[-−])?(?<i>\d+)\.(?<f>\d+)")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"\G[-−](?<n>\d+)")]
    private static partial Regex NegativePattern();

    [GeneratedRegex(@"\G\d{1,3}(?:,\d{3})+(?!\d)")]
    private static partial Regex GroupedPattern();

    [GeneratedRegex(@"\G\d+")]
    private static partial Regex IntegerPattern();
}

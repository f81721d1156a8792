using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Normalization;

/// <summary>
/// Splits text into language runs, so mixed Mandarin/English text is read per span: Han characters are Mandarin,
/// letters of other scripts the "other" language (the request's language when it is not Mandarin, else English).
/// Digits, symbols and punctuation belong to the words they touch: "2023年" and "$100元" are Mandarin, "room 204" and
/// "iPhone15" English; a unit after a number ("5km", "10°C") stays with the number.
/// </summary>
internal static class LanguageRuns
{
    private static readonly HashSet<string> UnitWords = new(StringComparer.Ordinal)
    {
        "km", "kg", "cm", "mm", "ml", "mL", "mg", "nm", "m", "g", "s", "h", "t", "L", "l", "W", "V", "kW", "kWh", "mAh", "Hz", "kHz",
        "MHz", "GHz", "GB", "MB", "KB", "TB", "ms", "min", "km/h", "m/s", "mph", "hr", "hrs", "lb", "lbs", "oz", "ft", "mi", "C", "F",
        "st", "nd", "rd", "th",
    };

    private enum Kind
    {
        Han,
        Letter,
        Neutral,
    }

    /// <summary>Splits <paramref name="text"/>.</summary>
    /// <param name="text">Cleaned text.</param>
    /// <param name="otherLanguage">The language of letters that are not Han (an espeak-ng language).</param>
    /// <param name="defaultLanguage">The language of text that has neither Han nor letters.</param>
    public static IReadOnlyList<LanguageRun> Split(MappedText text, string otherLanguage, string defaultLanguage)
    {
        var s = text.Text;
        var kinds = new Kind[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            kinds[i] = Classify(s, i);
        }

        MarkUnits(s, kinds);

        // Decide a language per character: Han and letters directly, neutral stretches by what they touch.
        var languages = new string?[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            languages[i] = kinds[i] switch
            {
                Kind.Han => "zh",
                Kind.Letter => otherLanguage,
                _ => null,
            };
        }

        var k = 0;
        while (k < s.Length)
        {
            if (languages[k] is not null)
            {
                k++;
                continue;
            }

            var start = k;
            while (k < s.Length && languages[k] is null)
            {
                k++;
            }

            AssignNeutral(s, languages, start, k, defaultLanguage);
        }

        var runs = new List<LanguageRun>();
        var runStart = 0;
        for (var i = 1; i <= s.Length; i++)
        {
            if (i == s.Length || languages[i] != languages[runStart])
            {
                runs.Add(new LanguageRun(text.Slice(runStart, i - runStart), languages[runStart]!));
                runStart = i;
            }
        }

        return runs;
    }

    private static Kind Classify(string s, int i)
    {
        var c = s[i];
        if (char.IsSurrogate(c))
        {
            return Scripts.IsHan(Scripts.CodePointAt(s, char.IsLowSurrogate(c) && i > 0 ? i - 1 : i)) ? Kind.Han : Kind.Neutral;
        }

        if (Scripts.IsHan(c))
        {
            return Kind.Han;
        }

        return char.IsLetter(c) ? Kind.Letter : Kind.Neutral;
    }

    /// <summary>Letters right after a number that spell a unit or an ordinal suffix count as part of the number.</summary>
    private static void MarkUnits(string s, Kind[] kinds)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (kinds[i] != Kind.Letter)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && (kinds[i] == Kind.Letter || (s[i] == '/' && i + 1 < s.Length && char.IsLetter(s[i + 1]))))
            {
                i++;
            }

            var before = start - 1;
            if (before >= 0 && s[before] == ' ')
            {
                before--;
            }

            var afterNumber = before >= 0 && (char.IsAsciiDigit(s[before]) || s[before] == '°');
            var endsWord = i >= s.Length || !char.IsLetterOrDigit(s[i]);
            if (afterNumber && endsWord && UnitWords.Contains(s[start..i]) && (s[before] != ' ' || s[start..i].Length > 1 || s[start..i] is "m" or "g"))
            {
                for (var j = start; j < i; j++)
                {
                    kinds[j] = Kind.Neutral;
                }
            }
        }
    }

    private static void AssignNeutral(string s, string?[] languages, int start, int end, string defaultLanguage)
    {
        var previous = start > 0 ? languages[start - 1] : null;
        var next = end < s.Length ? languages[end] : null;

        // The core: digits and symbols, without the spaces and punctuation around them.
        var coreStart = start;
        while (coreStart < end && IsSeparator(s[coreStart]))
        {
            coreStart++;
        }

        var coreEnd = end;
        while (coreEnd > coreStart && IsSeparator(s[coreEnd - 1]))
        {
            coreEnd--;
        }

        var fallback = previous ?? next ?? defaultLanguage;
        string coreLanguage;
        if (coreStart == coreEnd)
        {
            coreLanguage = fallback;
        }
        else if (previous is not null && coreStart == start)
        {
            coreLanguage = previous; // touches the preceding word: iPhone15, 价格100
        }
        else if (next is not null && coreEnd == end)
        {
            coreLanguage = next; // touches the following word: 2023年
        }
        else
        {
            coreLanguage = fallback;
        }

        for (var i = start; i < end; i++)
        {
            languages[i] = i >= coreStart && i < coreEnd ? coreLanguage : (i < coreStart ? previous ?? coreLanguage : coreLanguage);
        }
    }

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || (Scripts.IsPunctuation(c) && c is not ('-' or '/' or '.' or ',' or ':'));
}

using System.Globalization;
using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Normalization;

/// <summary>
/// The first normalization step: full-width letters, digits and symbols become ASCII (the CJK punctuation ，。！？：；（）
/// stays, except a full-width colon between digits), the ideographic space a space, curly apostrophes straight ones;
/// zero-width characters are removed silently and emoji with a <see cref="WarningCodes.TextNormalizationFallback"/>
/// warning (strict requests fail instead).
/// </summary>
internal static class TextCleaner
{
    /// <summary>Cleans <paramref name="text"/>.</summary>
    public static MappedText Clean(MappedText text, NormalizationContext context)
    {
        var s = text.Text;
        var output = new MappedText.Builder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var codePoint = Scripts.CodePointAt(s, i);
            var width = codePoint > 0xFFFF ? 2 : 1;
            if (Scripts.IsEmoji(codePoint) || (codePoint == 0x200D && i > 0 && i + 1 < s.Length && IsEmojiAround(s, i)))
            {
                if (codePoint is not (0xFE0F or 0x200D or 0x20E3) && !(codePoint is >= 0x1F3FB and <= 0x1F3FF))
                {
                    context.Fallback(WarningCodes.TextNormalizationFallback, string.Create(CultureInfo.InvariantCulture, $"the emoji U+{codePoint:X4} was skipped: emoji are not read aloud"));
                }

                i += width - 1;
                continue;
            }

            if (codePoint is 0x200B or 0x200C or 0x200D or 0xFEFF or 0x00AD)
            {
                continue;
            }

            if (width == 2)
            {
                output.Append(text, i, 2);
                i++;
                continue;
            }

            output.Append(Fold(c, i > 0 ? s[i - 1] : '\0', i + 1 < s.Length ? s[i + 1] : '\0').ToString(), text.Sources[i], text.Flags[i]);
        }

        return output.Build();
    }

    private static bool IsEmojiAround(string s, int joiner) =>
        Scripts.IsEmoji(Scripts.CodePointAt(s, char.IsLowSurrogate(s[joiner - 1]) && joiner >= 2 ? joiner - 2 : joiner - 1))
        || Scripts.IsEmoji(Scripts.CodePointAt(s, joiner + 1));

    private static char Fold(char c, char previous, char next)
    {
        switch (c)
        {
            case '\u3000' or '\u00A0' or '\u2007' or '\u202F':
                return ' ';
            case '’' or '‘' when char.IsLetter(previous) && char.IsLetter(next):
                return '\'';
            case '：' when IsDigit(previous) && IsDigit(next):
                return ':';
            case '！' or '，' or '：' or '；' or '？' or '（' or '）':
                return c;
            case >= '\uFF01' and <= '\uFF5E':
                return (char)(c - 0xFEE0);
            case '−':
                return '-';
            default:
                return c;
        }
    }

    private static bool IsDigit(char c) => char.IsAsciiDigit(c) || c is >= '０' and <= '９';
}

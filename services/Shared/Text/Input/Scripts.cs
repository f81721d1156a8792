using System.Text;

namespace VoiceFleet.Text.Input;

/// <summary>Which script or class a character belongs to, as far as the frontend cares.</summary>
internal static class Scripts
{
    /// <summary>A Han ideograph (CJK unified ideographs and their extensions, compatibility ideographs, 〇).</summary>
    public static bool IsHan(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2EBEF)
            or (>= 0x30000 and <= 0x3134F) or (>= 0xF900 and <= 0xFAFF) or 0x3007;

    /// <summary>A Han ideograph in the basic multilingual plane.</summary>
    public static bool IsHan(char c) => IsHan((int)c);

    /// <summary>
    /// An emoji or a character that only occurs inside emoji sequences (variation selector 16, zero width joiner between
    /// emoji, skin tones, regional indicators, tags). Text symbols such as © or ™ are not emoji here.
    /// </summary>
    public static bool IsEmoji(int codePoint) =>
        codePoint is (>= 0x1F000 and <= 0x1FAFF) // mahjong … symbols and pictographs extended-A, regional indicators, skin tones
            or (>= 0x2600 and <= 0x27BF) // miscellaneous symbols, dingbats
            or (>= 0x2B00 and <= 0x2BFF) // arrows and stars (⭐ ⬆)
            or 0xFE0F or 0x20E3 // emoji presentation selector, keycap
            or (>= 0xE0020 and <= 0xE007F) // tags (flag sequences)
            or 0x231A or 0x231B or 0x23F0 or 0x23F3 or (>= 0x23E9 and <= 0x23EC);

    /// <summary>A control character the frontend refuses: C0 and C1 controls other than tab, line feed and carriage return, and noncharacters.</summary>
    public static bool IsForbiddenControl(int codePoint) =>
        codePoint is (< 0x20 and not ('\t' or '\n' or '\r')) or (>= 0x7F and <= 0x9F)
            or (>= 0xFDD0 and <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>Sentence-final punctuation (. ! ? and the CJK forms, the ellipsis).</summary>
    public static bool IsSentenceFinal(char c) => c is '.' or '!' or '?' or '。' or '！' or '？' or '…' or '｡';

    /// <summary>Clause punctuation, where long sentences may be split (, ; : and the CJK forms, dashes).</summary>
    public static bool IsClausePunctuation(char c) => c is ',' or ';' or ':' or '，' or '；' or '：' or '、' or '—' or '–' or '､';

    /// <summary>Any punctuation or symbol that is not read aloud by itself.</summary>
    public static bool IsPunctuation(char c) =>
        IsSentenceFinal(c) || IsClausePunctuation(c) || c is '"' or '\'' or '(' or ')' or '[' or ']' or '{' or '}' or '“' or '”' or '‘' or '’'
            or '「' or '」' or '『' or '』' or '《' or '》' or '〈' or '〉' or '（' or '）' or '【' or '】' or '·' or '〔' or '〕' or '-' or '/' or '\\' or '~' or '～' or '`' or '|' or '_' or '*' or '#' or '^'
            || (char.IsPunctuation(c) && c is not '&' and not '@' and not '%');

    /// <summary>The character at <paramref name="index"/> as a code point (a lone surrogate as itself).</summary>
    public static int CodePointAt(string text, int index) =>
        Rune.TryGetRuneAt(text, index, out var rune) ? rune.Value : text[index];
}

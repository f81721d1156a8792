using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Sentences;

/// <summary>
/// Cuts normalized text into tokens: runs of Han characters (with the readings fixed for them), words for espeak-ng
/// (letters, digits, apostrophes and hyphens inside a word) and punctuation (consecutive marks together).
/// </summary>
internal static class Tokenizer
{
    /// <summary>Tokens of one normalized language run.</summary>
    /// <param name="text">The normalized run.</param>
    /// <param name="language">The run's language ("zh" or an espeak-ng language).</param>
    /// <param name="otherLanguage">The language of letters inside a Mandarin run.</param>
    /// <param name="style">SSML markup in force.</param>
    /// <param name="readings">Readings fixed by input position (inline annotations, SSML pinyin), or null.</param>
    public static IEnumerable<Token> Tokenize(MappedText text, string language, string otherLanguage, TextStyle style, IReadOnlyDictionary<int, ForcedReading>? readings)
    {
        var s = text.Text;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (IsHanAt(s, i))
            {
                while (i < s.Length && IsHanAt(s, i))
                {
                    i += char.IsHighSurrogate(s[i]) ? 2 : 1;
                }

                var slice = text.Slice(start, i - start);
                yield return new Token(TokenKind.Han, slice, "zh", style) { Readings = Readings(slice, readings) };
            }
            else if (Scripts.IsPunctuation(c) && !IsWordInternal(s, i))
            {
                while (i < s.Length && Scripts.IsPunctuation(s[i]) && !IsWordInternal(s, i) && !char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                yield return new Token(TokenKind.Punctuation, text.Slice(start, i - start), language, style);
            }
            else
            {
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && !IsHanAt(s, i) && (!Scripts.IsPunctuation(s[i]) || IsWordInternal(s, i)))
                {
                    i++;
                }

                yield return new Token(TokenKind.Word, text.Slice(start, i - start), language == "zh" ? otherLanguage : language, style);
            }
        }
    }

    private static bool IsHanAt(string s, int i) => Scripts.IsHan(Scripts.CodePointAt(s, i));

    /// <summary>An apostrophe, hyphen or period between letters or digits belongs to the word (don't, well-known, e.g).</summary>
    private static bool IsWordInternal(string s, int i) =>
        s[i] is '\'' or '-' or '.' or '’' && i > 0 && i + 1 < s.Length && char.IsLetterOrDigit(s[i - 1]) && char.IsLetterOrDigit(s[i + 1])
            && !(s[i] == '.' && char.IsUpper(s[i + 1]) && i + 2 < s.Length && char.IsLower(s[i + 2]));

    private static ForcedReading?[]? Readings(MappedText slice, IReadOnlyDictionary<int, ForcedReading>? readings)
    {
        if (readings is null || readings.Count == 0)
        {
            return null;
        }

        var result = new ForcedReading?[slice.Length];
        var any = false;
        for (var k = 0; k < slice.Length; k++)
        {
            var source = slice.Sources[k];
            if (source.End - source.Start <= 2 && readings.TryGetValue(source.Start, out var reading))
            {
                result[k] = reading;
                any = true;
            }
        }

        return any ? result : null;
    }
}

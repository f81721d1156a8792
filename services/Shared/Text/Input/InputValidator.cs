using System.Globalization;

namespace VoiceFleet.Text.Input;

/// <summary>
/// The checks every input string passes before anything reads it: not empty or blank, within the length limit, no
/// control characters, no unpaired surrogates. Each failure names the field and the position.
/// </summary>
internal static class InputValidator
{
    /// <summary>Throws a <see cref="TextInputException"/> for the first problem of <paramref name="value"/>.</summary>
    /// <param name="value">The string from the request.</param>
    /// <param name="field">Its field name.</param>
    /// <param name="maxCodePoints">Most code points allowed.</param>
    public static void Check(string value, string field, int maxCodePoints)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new TextInputException(field, "is empty or only whitespace; give some text to speak");
        }

        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                count++;
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                var (line, column) = Position(value, i);
                throw new TextInputException(field, FormattableString.Invariant($"unpaired surrogate U+{(int)c:X4} (the string is not valid UTF-16)"), line, column);
            }

            if (c == '\uFFFD')
            {
                var (line, column) = Position(value, i);
                throw new TextInputException(field, "replacement character U+FFFD: the text was not valid Unicode when it was sent (an unpaired surrogate or invalid UTF-8)", line, column);
            }

            if (Scripts.IsForbiddenControl(c))
            {
                var (line, column) = Position(value, i);
                throw new TextInputException(field, FormattableString.Invariant($"control character U+{(int)c:X4} is not allowed (only tab, line feed and carriage return are)"), line, column);
            }

            count++;
        }

        if (count > maxCodePoints)
        {
            throw new TextInputException(field, string.Create(CultureInfo.InvariantCulture, $"is {count} characters long; the limit is {maxCodePoints}"));
        }
    }

    /// <summary>Code points in <paramref name="value"/> (a lone surrogate counts as one).</summary>
    public static int CodePointCount(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>The 1-based line and column of a UTF-16 index.</summary>
    public static (int Line, int Column) Position(string value, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < value.Length; i++)
        {
            if (value[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    /// <summary>Prefix table: the code point index of every UTF-16 index (and of the end); a low surrogate maps to its pair.</summary>
    public static int[] CodePointIndex(string value)
    {
        var table = new int[value.Length + 1];
        var cp = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var secondOfPair = i > 0 && char.IsLowSurrogate(value[i]) && char.IsHighSurrogate(value[i - 1]);
            table[i] = secondOfPair ? cp - 1 : cp;
            if (!secondOfPair)
            {
                cp++;
            }
        }

        table[value.Length] = cp;
        return table;
    }
}

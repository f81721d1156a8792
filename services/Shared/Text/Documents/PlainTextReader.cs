using VoiceFleet.Text.Input;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Text.Documents;

/// <summary>
/// Reads plain text: paragraphs end at blank lines; inline pinyin annotations after Han characters
/// (<c>重[zhòng]要</c>, <c>行[hang2]</c>, <c>银行[yin2 hang2]</c>) fix the reading of the characters before them and are
/// removed from the text. Brackets that do not hold letters (<c>[1]</c>) are ordinary text.
/// </summary>
internal static class PlainTextReader
{
    private const int MaxAnnotationLength = 64;

    /// <summary>Parses <paramref name="input"/> (already checked by <see cref="InputValidator"/>).</summary>
    /// <exception cref="TextInputException">An annotation holds something other than pinyin, or more syllables than Han characters before it.</exception>
    public static TextDocument Read(string input, string field = "text")
    {
        ArgumentNullException.ThrowIfNull(input);
        var nodes = new List<IDocumentNode>();
        var builder = new MappedText.Builder();
        var readings = new Dictionary<int, string>();
        var hanRun = 0; // Han characters immediately before the current position in the builder
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c == '\n' && IsBlankLineAhead(input, i))
            {
                Flush(nodes, ref builder, ref readings);
                nodes.Add(new DocumentBoundary(BoundaryKind.Paragraph, null, true));
                while (i < input.Length && char.IsWhiteSpace(input[i]))
                {
                    i++;
                }

                hanRun = 0;
                continue;
            }

            if (c is '[' or '［' && hanRun > 0 && TryReadAnnotation(input, i, field, out var syllables, out var end))
            {
                if (syllables.Count > hanRun)
                {
                    var (line, column) = InputValidator.Position(input, i);
                    throw new TextInputException(field, $"the annotation '{input[i..end]}' has {syllables.Count} syllables but only {hanRun} Han characters come before it", line, column);
                }

                for (var k = 0; k < syllables.Count; k++)
                {
                    readings[builder.SourceAt(builder.Length - syllables.Count + k).Start] = syllables[k];
                }

                hanRun = 0;
                i = end;
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < input.Length ? 2 : 1;
            builder.Append(MappedText.FromSource(input.Substring(i, width), i));
            hanRun = width == 1 && Scripts.IsHan(c) ? hanRun + 1 : 0;
            i += width;
        }

        Flush(nodes, ref builder, ref readings);
        return new TextDocument(nodes, input, field);
    }

    private static void Flush(List<IDocumentNode> nodes, ref MappedText.Builder builder, ref Dictionary<int, string> readings)
    {
        if (builder.Length > 0)
        {
            nodes.Add(new DocumentText(builder.Build(), TextStyle.Plain, null, readings.Count > 0 ? readings : null));
        }

        builder = new MappedText.Builder();
        readings = [];
    }

    private static bool IsBlankLineAhead(string input, int newline)
    {
        for (var j = newline + 1; j < input.Length; j++)
        {
            if (input[j] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(input[j]))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Reads <c>[...]</c> at <paramref name="start"/> when it holds letters; validates it as pinyin.</summary>
    private static bool TryReadAnnotation(string input, int start, string field, out List<string> syllables, out int end)
    {
        syllables = [];
        end = start;
        var close = -1;
        for (var j = start + 1; j < input.Length && j - start <= MaxAnnotationLength; j++)
        {
            if (input[j] is ']' or '］')
            {
                close = j;
                break;
            }

            if (input[j] is '\n' or '[' or '［')
            {
                return false;
            }
        }

        if (close < 0)
        {
            return false;
        }

        var content = input[(start + 1)..close];
        if (!content.Any(char.IsLetter))
        {
            return false;
        }

        foreach (var part in content.Split([' ', ',', '\u3000'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Pinyin.TryParse(part, out var syllable))
            {
                var (line, column) = InputValidator.Position(input, start);
                throw new TextInputException(field, $"the annotation '[{content}]' is not pinyin: '{part}' is not a Mandarin syllable (write e.g. 重[zhòng] or 行[hang2])", line, column);
            }

            syllables.Add(syllable);
        }

        end = close + 1;
        return syllables.Count > 0;
    }
}

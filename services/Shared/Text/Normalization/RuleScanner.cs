using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Normalization;

/// <summary>Runs a list of <see cref="NumberRule"/>s over a text: at each position the first rule that reads wins.</summary>
internal static class RuleScanner
{
    /// <summary>Normalizes <paramref name="input"/>; characters no rule reads are passed to <paramref name="other"/> (or copied).</summary>
    /// <param name="input">The text.</param>
    /// <param name="rules">The rules, in priority order.</param>
    /// <param name="mayStart">Whether a rule may start at a character (a cheap filter).</param>
    /// <param name="other">Handles characters no rule reads; null copies them.</param>
    /// <param name="padWords">Keep readings apart from letters and digits around them with spaces (space-separated languages).</param>
    public static MappedText Apply(MappedText input, IReadOnlyList<NumberRule> rules, Func<char, bool> mayStart, Action<MappedText, int, MappedText.Builder>? other = null, bool padWords = false)
    {
        var text = input.Text;
        var output = new MappedText.Builder();
        var i = 0;
        while (i < text.Length)
        {
            if (mayStart(text[i]) && TryRules(input, rules, i, output, padWords, out var end))
            {
                i = end;
                continue;
            }

            if (other is null)
            {
                output.Append(input, i, 1);
            }
            else
            {
                other(input, i, output);
            }

            i++;
        }

        return output.Build();
    }

    private static bool TryRules(MappedText input, IReadOnlyList<NumberRule> rules, int start, MappedText.Builder output, bool padWords, out int end)
    {
        foreach (var rule in rules)
        {
            var match = rule.Pattern.Match(input.Text, start);
            if (!match.Success || match.Index != start || match.Length == 0)
            {
                continue;
            }

            var emitter = new RuleEmitter { Text = input.Text, MatchStart = start, MatchEnd = start + match.Length };
            if (!rule.Read(match, emitter))
            {
                continue;
            }

            if (padWords && char.IsLetterOrDigit(output.Last) && emitter.Pieces.Count > 0)
            {
                output.Append(" ", input.Sources[start]);
            }

            foreach (var (text, pieceStart, pieceEnd, flags) in emitter.Pieces)
            {
                var source = input.Range(pieceStart, Math.Min(pieceEnd, input.Length) - pieceStart);
                output.Append(text, source, flags);
            }

            end = emitter.MatchEnd;
            if (padWords && end < input.Length && char.IsLetterOrDigit(input.Text[end]))
            {
                output.Append(" ", input.Sources[end - 1]);
            }
            return true;
        }

        end = start;
        return false;
    }
}

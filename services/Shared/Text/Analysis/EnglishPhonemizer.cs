using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Lexicons;
using VoiceFleet.Text.Normalization;
using VoiceFleet.Text.Sentences;

namespace VoiceFleet.Text.Analysis;

/// <summary>
/// Phonemizes a run of words in one espeak-ng language: whole clauses go to espeak-ng at once (so the sentence
/// phonemes are exactly espeak-ng's, with its cross-word context), split around words an override lexicon fixes. Each
/// word gets its share of the clause's output when espeak-ng's words line up with ours, else its own reading.
/// </summary>
internal sealed class EnglishPhonemizer(EspeakEngine? espeak, NormalizationContext context)
{
    /// <summary>Per token its phonemes and source, and the sentence-level pieces in order.</summary>
    public async Task<((string Phonemes, PronunciationSource Source)[] PerToken, List<string> Pieces)> PhonemizeAsync(
        IReadOnlyList<Token> tokens, string voice, IReadOnlyList<(IReadOnlyList<PronunciationEntry> Entries, PronunciationSource Source)> overrides, CancellationToken cancellationToken)
    {
        var perToken = new (string, PronunciationSource)[tokens.Count];
        var pieces = new List<string>();
        var segment = new List<int>();
        var fixedByContext = ContextOverrides(tokens, overrides);

        for (var i = 0; i < tokens.Count; i++)
        {
            var found = fixedByContext.TryGetValue(i, out var byContext) ? byContext : WordOverride(tokens[i].Text.Text, overrides);
            if (found is { } entry)
            {
                await FlushAsync(tokens, segment, voice, perToken, pieces, cancellationToken).ConfigureAwait(false);
                perToken[i] = (entry.Phoneme, entry.Source);
                pieces.Add(entry.Phoneme);
            }
            else
            {
                segment.Add(i);
            }
        }

        await FlushAsync(tokens, segment, voice, perToken, pieces, cancellationToken).ConfigureAwait(false);
        return (perToken, pieces);
    }

    private async Task FlushAsync(IReadOnlyList<Token> tokens, List<int> segment, string voice, (string, PronunciationSource)[] perToken, List<string> pieces, CancellationToken cancellationToken)
    {
        if (segment.Count == 0)
        {
            return;
        }

        if (espeak is null)
        {
            foreach (var i in segment)
            {
                context.Fallback(WarningCodes.G2pFallback, $"'{tokens[i].Text.Text}' was skipped: espeak-ng is not available for {voice}");
                perToken[i] = (string.Empty, PronunciationSource.G2p);
            }

            segment.Clear();
            return;
        }

        var text = string.Join(' ', segment.Select(i => tokens[i].Text.Text));
        var clauses = await espeak.PhonemizeAsync(text, voice, cancellationToken).ConfigureAwait(false);
        var joined = string.Join(' ', clauses.Select(c => c.Trim()).Where(c => c.Length > 0));
        pieces.Add(joined);
        var words = joined.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == segment.Count)
        {
            for (var k = 0; k < segment.Count; k++)
            {
                perToken[segment[k]] = (words[k], PronunciationSource.G2p);
            }
        }
        else
        {
            // espeak-ng joined or split words (hˈæzbiːn for "has been"): read each word on its own for the word level.
            foreach (var i in segment)
            {
                var own = await espeak.PhonemizeAsync(tokens[i].Text.Text, voice, cancellationToken).ConfigureAwait(false);
                perToken[i] = (string.Join(' ', own.Select(c => c.Trim()).Where(c => c.Length > 0)), PronunciationSource.G2p);
            }
        }

        foreach (var i in segment)
        {
            if (perToken[i].Item1.Length == 0)
            {
                context.Fallback(WarningCodes.G2pFallback, $"espeak-ng gave no phonemes for '{tokens[i].Text.Text}'; it is silent");
            }
        }

        segment.Clear();
    }

    private static (string Phoneme, PronunciationSource Source)? WordOverride(string word, IReadOnlyList<(IReadOnlyList<PronunciationEntry> Entries, PronunciationSource Source)> overrides)
    {
        foreach (var (entries, source) in overrides)
        {
            foreach (var entry in entries)
            {
                if (entry.Context.Length == 0 && string.Equals(entry.Word, word, StringComparison.OrdinalIgnoreCase))
                {
                    return (entry.Phoneme, source);
                }
            }
        }

        return null;
    }

    /// <summary>Tokens fixed by entries with a context: where the context phrase occurs in the run, its word is fixed.</summary>
    private static Dictionary<int, (string Phoneme, PronunciationSource Source)> ContextOverrides(IReadOnlyList<Token> tokens, IReadOnlyList<(IReadOnlyList<PronunciationEntry> Entries, PronunciationSource Source)> overrides)
    {
        var result = new Dictionary<int, (string, PronunciationSource)>();
        if (!overrides.Any(o => o.Entries.Any(e => e.Context.Length > 0)))
        {
            return result;
        }

        var starts = new int[tokens.Count];
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            starts[i] = text.Length;
            text.Append(tokens[i].Text.Text);
        }

        var joined = text.ToString();
        foreach (var (entries, source) in overrides)
        {
            foreach (var entry in entries.Where(e => e.Context.Length > 0))
            {
                var offset = entry.Context.IndexOf(entry.Word, StringComparison.OrdinalIgnoreCase);
                for (var at = joined.IndexOf(entry.Context, StringComparison.OrdinalIgnoreCase); at >= 0; at = joined.IndexOf(entry.Context, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    var index = Array.IndexOf(starts, at + offset);
                    if (index >= 0 && string.Equals(tokens[index].Text.Text, entry.Word, StringComparison.OrdinalIgnoreCase))
                    {
                        result.TryAdd(index, (entry.Phoneme, source));
                    }
                }
            }
        }

        return result;
    }
}

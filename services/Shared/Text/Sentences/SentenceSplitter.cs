using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Sentences;

/// <summary>
/// Groups tokens into sentences for streaming: a sentence ends at sentence-final punctuation, an SSML &lt;s&gt; or
/// &lt;p&gt; end, a blank line, or a strong or long &lt;break&gt;; weaker breaks become pauses after the word before
/// them. A sentence longer than the limit is split after its last clause punctuation that fits (<see cref="BreakKind.Clause"/>),
/// else between words, else inside a run of Han characters. The break type is kept with each sentence.
/// </summary>
internal static class SentenceSplitter
{
    /// <summary>Default pause after a sentence, in seconds.</summary>
    public const double SentencePause = 0.4;

    /// <summary>Default pause after a clause split, in seconds.</summary>
    public const double ClausePause = 0.15;

    /// <summary>Default pause after a paragraph, in seconds.</summary>
    public const double ParagraphPause = 0.75;

    /// <summary>Splits <paramref name="items"/> (tokens and boundaries in reading order).</summary>
    /// <param name="items">Each a <see cref="Token"/> or a <see cref="DocumentBoundary"/>.</param>
    /// <param name="maxSentenceChars">Longest sentence before clause splitting.</param>
    public static List<SentenceDraft> Split(IEnumerable<object> items, int maxSentenceChars)
    {
        var sentences = new List<SentenceDraft>();
        var current = new List<Token>();

        void Close(BreakKind kind, double pause)
        {
            if (current.Any(t => t.Kind != TokenKind.Punctuation))
            {
                sentences.Add(new SentenceDraft(current, kind, pause));
                current = [];
                return;
            }

            // Nothing to say since the last sentence: trailing marks (a closing quote) and a stronger boundary belong to it.
            if (sentences.Count > 0)
            {
                var last = sentences[^1];
                last.Tokens.AddRange(current);
                if (Rank(kind) > Rank(last.Break))
                {
                    last.Break = kind;
                }

                last.PauseSeconds = Math.Max(last.PauseSeconds, pause);
            }

            current = [];
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case Token token:
                    current.Add(token);
                    if (token.EndsSentence)
                    {
                        Close(BreakKind.Sentence, SentencePause);
                    }

                    break;
                case DocumentBoundary { Kind: BoundaryKind.Break, EndsSentence: false } weak:
                    var target = current.LastOrDefault(t => t.Kind != TokenKind.Punctuation) ?? sentences.LastOrDefault()?.Tokens.LastOrDefault();
                    if (target is not null)
                    {
                        target.PauseAfter += weak.PauseSeconds ?? 0;
                    }

                    break;
                case DocumentBoundary boundary:
                    var (kind, pause) = boundary.Kind switch
                    {
                        BoundaryKind.Paragraph => (BreakKind.Paragraph, boundary.PauseSeconds ?? ParagraphPause),
                        BoundaryKind.Break => (BreakKind.Explicit, boundary.PauseSeconds ?? SentencePause),
                        _ => (BreakKind.Sentence, boundary.PauseSeconds ?? SentencePause),
                    };
                    Close(kind, pause);
                    break;
                default:
                    throw new ArgumentException($"Unexpected item {item.GetType().Name}.", nameof(items));
            }
        }

        Close(BreakKind.End, 0);
        if (sentences.Count > 0 && sentences[^1].Break is BreakKind.Sentence or BreakKind.Paragraph)
        {
            sentences[^1].Break = BreakKind.End;
            sentences[^1].PauseSeconds = 0;
        }

        return sentences.SelectMany(s => SplitLong(s, maxSentenceChars)).ToList();
    }

    private static int Rank(BreakKind kind) => kind switch
    {
        BreakKind.Clause => 0,
        BreakKind.Sentence => 1,
        BreakKind.End => 1,
        BreakKind.Explicit => 2,
        BreakKind.Paragraph => 3,
        _ => 0,
    };

    private static IEnumerable<SentenceDraft> SplitLong(SentenceDraft sentence, int max)
    {
        if (sentence.Weight <= max)
        {
            yield return sentence;
            yield break;
        }

        // Han runs longer than the limit are cut first, so every token fits.
        var tokens = new List<Token>();
        foreach (var token in sentence.Tokens)
        {
            if (token.Kind == TokenKind.Han && token.Text.Length > max)
            {
                for (var start = 0; start < token.Text.Length; start += max)
                {
                    tokens.Add(token.Slice(start, Math.Min(max, token.Text.Length - start)));
                }
            }
            else
            {
                tokens.Add(token);
            }
        }

        var piece = new List<Token>();
        var weight = 0;
        var lastClause = -1;
        foreach (var token in tokens)
        {
            if (weight + token.Weight > max && piece.Any(t => t.Kind != TokenKind.Punctuation) && token.Kind != TokenKind.Punctuation)
            {
                var cut = lastClause >= 0 ? lastClause + 1 : piece.Count;
                yield return new SentenceDraft(piece[..cut], BreakKind.Clause, ClausePause);
                piece = piece[cut..];
                weight = piece.Sum(t => t.Weight);
                lastClause = -1;
                for (var k = 0; k < piece.Count; k++)
                {
                    if (piece[k].EndsClause)
                    {
                        lastClause = k;
                    }
                }
            }

            piece.Add(token);
            weight += token.Weight;
            if (token.EndsClause)
            {
                lastClause = piece.Count - 1;
            }
        }

        yield return new SentenceDraft(piece, sentence.Break, sentence.PauseSeconds);
    }
}

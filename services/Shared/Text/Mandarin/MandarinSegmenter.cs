namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// Word segmentation of a run of Han characters by maximum probability: the split whose words' lexicon log
/// probabilities sum highest (dynamic programming from the end), a character the lexicon lacks counting as a word of
/// very low probability. Spans fixed by override lexicons stay whole words and no word crosses them.
/// </summary>
internal static class MandarinSegmenter
{
    /// <summary>Word boundaries: the start index of each word, in order.</summary>
    /// <param name="lexicon">The lexicon.</param>
    /// <param name="text">Han characters (simplified).</param>
    /// <param name="fixedSpans">Spans (start, length) that must be words, not overlapping; may be empty.</param>
    public static List<(int Start, int Length)> Segment(MandarinLexicon lexicon, string text, IReadOnlyList<(int Start, int Length)> fixedSpans)
    {
        var n = text.Length;
        var span = new int[n]; // 0 = free; else (index of the fixed span) + 1
        for (var k = 0; k < fixedSpans.Count; k++)
        {
            for (var i = fixedSpans[k].Start; i < fixedSpans[k].Start + fixedSpans[k].Length; i++)
            {
                span[i] = k + 1;
            }
        }

        var best = new double[n + 1];
        var next = new int[n + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            if (span[i] != 0 && (i == 0 || span[i - 1] != span[i]))
            {
                var length = fixedSpans[span[i] - 1].Length;
                best[i] = best[i + length];
                next[i] = i + length;
                continue;
            }

            if (span[i] != 0)
            {
                best[i] = double.NegativeInfinity; // inside a fixed span: no word starts here
                next[i] = i + 1;
                continue;
            }

            var bestScore = double.NegativeInfinity;
            var bestEnd = i + 1;
            var limit = Math.Min(n, i + lexicon.MaxWordLength);
            for (var end = i + 1; end <= limit; end++)
            {
                if (end > i + 1 && span[end - 1] != 0)
                {
                    break; // would run into a fixed span
                }

                double score;
                if (lexicon.TryGet(text.AsSpan(i, end - i), out var word))
                {
                    score = word.LogProbability + best[end];
                }
                else if (end == i + 1)
                {
                    score = lexicon.UnknownLogProbability + best[end];
                }
                else
                {
                    continue;
                }

                if (score > bestScore)
                {
                    bestScore = score;
                    bestEnd = end;
                }
            }

            best[i] = bestScore;
            next[i] = bestEnd;
        }

        var words = new List<(int, int)>();
        for (var i = 0; i < n; i = next[i])
        {
            words.Add((i, next[i] - i));
        }

        return words;
    }
}

using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;
using VoiceFleet.Text.Sentences;

namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// VoiceFleet's Mandarin G2P: word segmentation over the lexicon (maximum probability), phrase readings for
/// polyphones, context rules for characters standing alone (<see cref="PolyphoneRules"/>), the character reading as
/// fallback, then tone sandhi, erhua and neutral tones for the spoken form (<see cref="ToneSandhi"/>). Overrides
/// (annotations, SSML, lexicon entries) fix readings before the rules run. Thread-safe: it keeps no state per call.
/// </summary>
public sealed class MandarinG2p
{
    private readonly MandarinLexicon lexicon;
    private readonly bool contextRules;

    /// <summary>Creates a G2P over <paramref name="lexicon"/>.</summary>
    public MandarinG2p(MandarinLexicon lexicon)
        : this(lexicon, contextRules: true)
    {
    }

    /// <summary>Creates a G2P; without context rules only to measure what they add.</summary>
    internal MandarinG2p(MandarinLexicon lexicon, bool contextRules)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        this.lexicon = lexicon;
        this.contextRules = contextRules;
    }

    /// <summary>The lexicon.</summary>
    public MandarinLexicon Lexicon => lexicon;

    /// <summary>
    /// The words of every run of Han characters in <paramref name="text"/>, in order; other characters (punctuation,
    /// letters, digits) separate runs and are not returned. <see cref="MandarinWord.Start"/> indexes <paramref name="text"/>.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="overrides">Overrides in precedence order (first wins), or null.</param>
    public IReadOnlyList<MandarinWord> Convert(string text, IReadOnlyList<MandarinOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<MandarinWord>();
        var i = 0;
        while (i < text.Length)
        {
            if (!Scripts.IsHan(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && Scripts.IsHan(text[i]))
            {
                i++;
            }

            foreach (var word in ConvertRun(text.Substring(start, i - start), null, null, overrides))
            {
                result.Add(word with { Start = word.Start + start });
            }
        }

        return result;
    }

    /// <summary>Converts one run of Han characters.</summary>
    /// <param name="run">Han characters only.</param>
    /// <param name="forced">Readings fixed per character (annotations, SSML), or null.</param>
    /// <param name="flags">Per character: written by number normalization, or null.</param>
    /// <param name="overrides">Lexicon overrides in precedence order, or null.</param>
    internal IReadOnlyList<MandarinWord> ConvertRun(string run, IReadOnlyList<ForcedReading?>? forced, IReadOnlyList<CharFlags>? flags, IReadOnlyList<MandarinOverride>? overrides)
    {
        var simplified = string.Create(run.Length, run, (span, source) =>
        {
            for (var k = 0; k < source.Length; k++)
            {
                span[k] = lexicon.Simplify(source[k]);
            }
        });

        var fixedReadings = new ForcedReading?[run.Length];
        if (forced is not null)
        {
            for (var k = 0; k < run.Length && k < forced.Count; k++)
            {
                fixedReadings[k] = forced[k];
            }
        }

        var spans = ApplyOverrides(simplified, fixedReadings, overrides);
        var words = new List<WordSlot>();
        foreach (var (start, length) in MandarinSegmenter.Segment(lexicon, simplified, spans))
        {
            var slot = new WordSlot(start, simplified.Substring(start, length));
            if (lexicon.TryGet(slot.Text, out var entry))
            {
                lexicon.Syllables(entry).CopyTo(slot.Readings, 0);
                slot.Source = length == 1 ? PronunciationSource.LexiconCharacter : PronunciationSource.LexiconPhrase;
            }
            else
            {
                // Only fixed spans (overrides) and unknown single characters get here: read character by character.
                for (var k = 0; k < length; k++)
                {
                    slot.Readings[k] = lexicon.TryGet(slot.Text.AsSpan(k, 1), out var character) ? lexicon.Syllables(character)[0] : null;
                }

                slot.Source = PronunciationSource.LexiconCharacter;
            }

            words.Add(slot);
        }

        if (contextRules)
        {
            PolyphoneRules.Apply(words, simplified);
        }

        foreach (var slot in words)
        {
            var strongest = PronunciationSource.Unspecified;
            for (var k = 0; k < slot.Length; k++)
            {
                if (fixedReadings[slot.Start + k] is { } reading)
                {
                    slot.Readings[k] = reading.Pinyin;
                    slot.Fixed[k] = true;
                    strongest = Stronger(strongest, reading.Source);
                }
            }

            if (strongest != PronunciationSource.Unspecified)
            {
                slot.Source = strongest;
            }
        }

        ToneSandhi.Apply(words, simplified, flags);

        var result = new List<MandarinWord>(words.Count);
        foreach (var slot in words)
        {
            var syllables = new MandarinSyllable[slot.Length];
            for (var k = 0; k < slot.Length; k++)
            {
                var reading = slot.Readings[k];
                var dictionary = reading is null ? string.Empty : slot.Fixed[k] ? reading : Citation(slot.Text[k], reading);
                syllables[k] = new MandarinSyllable(run.Substring(slot.Start + k, 1), dictionary, slot.Spoken[k] ?? string.Empty);
            }

            result.Add(new MandarinWord(run.Substring(slot.Start, slot.Length), slot.Start, syllables, slot.Source));
        }

        return result;
    }

    /// <summary>The dictionary reading of a character whose lexicon reading is spoken: 一 is yi1 and 不 bu4 in the dictionary.</summary>
    private static string Citation(char c, string reading) => c switch
    {
        '一' when Pinyin.BaseOf(reading) == "yi" => "yi1",
        '不' when Pinyin.BaseOf(reading) == "bu" => "bu4",
        _ => reading,
    };

    private static PronunciationSource Stronger(PronunciationSource a, PronunciationSource b) =>
        Rank(b) > Rank(a) ? b : a;

    private static int Rank(PronunciationSource source) => source switch
    {
        PronunciationSource.Phoneme => 5,
        PronunciationSource.Inline => 4,
        PronunciationSource.Request => 3,
        PronunciationSource.Override => 2,
        _ => 0,
    };

    /// <summary>Fixes readings from overrides (first wins per character); returns the spans context-free entries make words.</summary>
    private static List<(int Start, int Length)> ApplyOverrides(string text, ForcedReading?[] fixedReadings, IReadOnlyList<MandarinOverride>? overrides)
    {
        var spans = new List<(int Start, int Length)>();
        if (overrides is null || overrides.Count == 0)
        {
            return spans;
        }

        foreach (var entry in overrides)
        {
            if (entry.Word.Length == 0 || entry.Syllables.Count != entry.Word.Length)
            {
                continue;
            }

            var anchor = entry.Context.Length > 0 ? entry.Context : entry.Word;
            var offsetInAnchor = entry.Context.Length > 0 ? entry.Context.IndexOf(entry.Word, StringComparison.Ordinal) : 0;
            if (offsetInAnchor < 0)
            {
                continue;
            }

            for (var at = text.IndexOf(anchor, StringComparison.Ordinal); at >= 0; at = text.IndexOf(anchor, at + 1, StringComparison.Ordinal))
            {
                var start = at + offsetInAnchor;
                if (entry.Context.Length == 0)
                {
                    var free = true;
                    for (var k = 0; k < entry.Word.Length; k++)
                    {
                        free &= fixedReadings[start + k] is null;
                    }

                    if (!free)
                    {
                        continue;
                    }

                    if (entry.Word.Length > 1 && !spans.Any(s => s.Start < start + entry.Word.Length && start < s.Start + s.Length))
                    {
                        spans.Add((start, entry.Word.Length));
                    }
                }

                for (var k = 0; k < entry.Word.Length; k++)
                {
                    fixedReadings[start + k] ??= new ForcedReading(entry.Syllables[k], entry.Source);
                }
            }
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }
}

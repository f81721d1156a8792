namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// The Mandarin word lexicon: about 349k words and characters with their readings (pinyin with tone numbers, as spoken:
/// neutral tones and 一/不 sandhi included) and frequencies, from the npm package @pinyin-pro/data; plus its
/// traditional → simplified character table. Built by <see cref="MandarinLexiconLoader"/>; immutable, so one instance
/// serves every request.
/// </summary>
public sealed class MandarinLexicon
{
    private readonly Dictionary<string, LexiconWord> words;
    private readonly Dictionary<string, LexiconWord>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly ushort[] pool;
    private readonly string[] syllables;
    private readonly Dictionary<char, char> simplified;

    internal MandarinLexicon(Dictionary<string, LexiconWord> words, ushort[] pool, string[] syllables, Dictionary<char, char> simplified, string sourceDescription)
    {
        this.words = words;
        lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        this.pool = pool;
        this.syllables = syllables;
        this.simplified = simplified;
        Source = sourceDescription;
        MaxWordLength = words.Count == 0 ? 1 : words.Keys.Max(k => k.Length);
        UnknownLogProbability = (words.Count == 0 ? -20f : words.Values.Min(w => w.LogProbability)) - 5f;
    }

    /// <summary>Number of entries (words and single characters).</summary>
    public int Count => words.Count;

    /// <summary>Where the data came from (package, version, cache), for logs.</summary>
    public string Source { get; }

    /// <summary>The longest entry, in characters.</summary>
    internal int MaxWordLength { get; }

    /// <summary>The log probability the segmenter gives a character the lexicon does not know.</summary>
    internal float UnknownLogProbability { get; }

    /// <summary>Every distinct reading of the lexicon (tone numbers), for checks over all of them.</summary>
    internal IReadOnlyList<string> DistinctSyllables => syllables;

    /// <summary>The readings of an entry (one syllable per character, tone numbers, as spoken), or null when it is not one.</summary>
    public IReadOnlyList<string>? Lookup(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return TryGet(word, out var entry) ? Syllables(entry) : null;
    }

    /// <summary>The simplified form of a traditional character (or the character itself).</summary>
    public char Simplify(char c) => simplified.TryGetValue(c, out var s) ? s : c;

    internal bool TryGet(ReadOnlySpan<char> word, out LexiconWord entry) => lookup.TryGetValue(word, out entry);

    internal string[] Syllables(LexiconWord entry)
    {
        var result = new string[entry.Length];
        for (var i = 0; i < entry.Length; i++)
        {
            result[i] = syllables[pool[entry.SyllableStart + i]];
        }

        return result;
    }
}

using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Text.Lexicons;

/// <summary>
/// An immutable set of validated <see cref="PronunciationEntry"/>s keyed by word and context, with a revision. A change
/// makes a new instance, so a request keeps the snapshot it started with.
/// </summary>
public sealed class PronunciationLexicon
{
    private readonly Dictionary<(string Word, string Context), PronunciationEntry> entries;
    private readonly Dictionary<string, List<PronunciationEntry>> otherByWord;

    /// <summary>Creates a lexicon from validated entries (later entries replace earlier ones with the same key).</summary>
    public PronunciationLexicon(string name, IEnumerable<PronunciationEntry> entries, long revision)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(entries);
        Name = name;
        Revision = revision;
        this.entries = new Dictionary<(string, string), PronunciationEntry>();
        foreach (var entry in entries)
        {
            this.entries[entry.Key] = entry;
        }

        Entries = [.. this.entries.Values.OrderBy(e => e.Word, StringComparer.Ordinal).ThenBy(e => e.Context, StringComparer.Ordinal)];
        otherByWord = Entries.Where(e => e.Language != "zh")
            .GroupBy(e => e.Word.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Context.Length).ToList(), StringComparer.Ordinal);
    }

    /// <summary>An empty lexicon.</summary>
    public static PronunciationLexicon Empty(string name) => new(name, [], 0);

    /// <summary>The lexicon's name.</summary>
    public string Name { get; }

    /// <summary>Increases on every change.</summary>
    public long Revision { get; }

    /// <summary>The entries, ordered by word then context.</summary>
    public IReadOnlyList<PronunciationEntry> Entries { get; }

    /// <summary>Number of entries.</summary>
    public int Count => Entries.Count;

    /// <summary>Whether an entry with this key exists.</summary>
    public bool Contains(string word, string context) => entries.ContainsKey((word, context));

    /// <summary>A copy with <paramref name="upserts"/> added or replacing entries of the same key, one revision on.</summary>
    public PronunciationLexicon With(IEnumerable<PronunciationEntry> upserts) => new(Name, Entries.Concat(upserts), Revision + 1);

    /// <summary>A copy without the entries of these keys, one revision on; <paramref name="removed"/> counts those that existed.</summary>
    public PronunciationLexicon Without(IEnumerable<(string Word, string Context)> keys, out int removed)
    {
        var remove = keys.ToHashSet();
        removed = Entries.Count(e => remove.Contains(e.Key));
        return new PronunciationLexicon(Name, Entries.Where(e => !remove.Contains(e.Key)), Revision + 1);
    }

    /// <summary>The Mandarin entries as G2P overrides: with a context first, then longer words first.</summary>
    public IReadOnlyList<MandarinOverride> MandarinOverrides(PronunciationSource source) =>
        [.. Entries.Where(e => e.Language == "zh")
            .OrderByDescending(e => e.Context.Length > 0)
            .ThenByDescending(e => e.Word.Length)
            .Select(e => new MandarinOverride(e.Word, e.Context, e.Phoneme.Split(' '), source))];

    /// <summary>Entries for a non-Mandarin word (case-insensitive), those with the longest context first.</summary>
    public IReadOnlyList<PronunciationEntry> ForWord(string word) =>
        otherByWord.TryGetValue(word.ToLowerInvariant(), out var list) ? list : [];
}

namespace VoiceFleet.Text.Mandarin;

/// <summary>A Mandarin word with the readings of its characters.</summary>
/// <param name="Text">The characters as written.</param>
/// <param name="Start">Index of its first character in the text given to the G2P.</param>
/// <param name="Syllables">One per character, in order.</param>
/// <param name="Source">Where its pronunciation came from.</param>
public sealed record MandarinWord(string Text, int Start, IReadOnlyList<MandarinSyllable> Syllables, PronunciationSource Source)
{
    /// <summary>True when some character has no known reading.</summary>
    public bool HasUnknown => Syllables.Any(s => s.Pinyin.Length == 0);

    /// <summary>The spoken syllables, merged 儿 left out.</summary>
    public IEnumerable<string> SpokenSyllables => Syllables.Select(s => s.Spoken).Where(s => s.Length > 0);
}

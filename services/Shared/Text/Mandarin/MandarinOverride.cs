namespace VoiceFleet.Text.Mandarin;

/// <summary>A pronunciation override for Mandarin, from a lexicon entry.</summary>
/// <param name="Word">The word or phrase (simplified characters).</param>
/// <param name="Context">Empty, or a longer phrase containing <paramref name="Word"/>: the override applies only there.</param>
/// <param name="Syllables">One syllable per character of <paramref name="Word"/>, tone numbers.</param>
/// <param name="Source">Which kind of lexicon it comes from.</param>
public sealed record MandarinOverride(string Word, string Context, IReadOnlyList<string> Syllables, PronunciationSource Source);

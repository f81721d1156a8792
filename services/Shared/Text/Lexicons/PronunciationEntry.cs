namespace VoiceFleet.Text.Lexicons;

/// <summary>
/// One pronunciation override, the shape of a line of the override lexicon file: <c>{"word": "行长", "phoneme": "hang2
/// zhang3"}</c>, optionally with <c>context</c> (the override applies only where the word occurs inside that phrase)
/// and <c>language</c>.
/// </summary>
/// <param name="Word">The word or phrase.</param>
/// <param name="Context">Empty, or a longer phrase containing <paramref name="Word"/>.</param>
/// <param name="Phoneme">Pinyin with tone numbers for Mandarin (one syllable per character), IPA otherwise; canonical after validation.</param>
/// <param name="Language">"zh", or an espeak-ng language; inferred from the word when empty (Han → zh, else en).</param>
public sealed record PronunciationEntry(string Word, string Context, string Phoneme, string Language)
{
    /// <summary>The key within a lexicon: word and context.</summary>
    public (string Word, string Context) Key => (Word, Context);
}

namespace VoiceFleet.Text.Documents;

/// <summary>Pronunciation given in the input (SSML <c>&lt;phoneme&gt;</c>), replacing G2P for its span.</summary>
/// <param name="Alphabet">The notation.</param>
/// <param name="Phonemes">The phonemes, as written (validated later).</param>
/// <param name="Line">1-based line of the element, for error messages.</param>
/// <param name="Column">1-based column of the element.</param>
internal sealed record PhonemeOverride(PhonemeAlphabet Alphabet, string Phonemes, int Line, int Column);

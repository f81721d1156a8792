namespace VoiceFleet.Text.Analysis;

/// <summary>Phonemes given instead of text (the request's phoneme mode).</summary>
/// <param name="Alphabet">How they are written.</param>
/// <param name="Phonemes">The phonemes; a sentence mark (. ! ? 。！？) as its own symbol ends a sentence.</param>
public sealed record PhonemeInputSpec(PhonemeAlphabet Alphabet, string Phonemes);

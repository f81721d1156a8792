using VoiceFleet.Models.Phonemes;

namespace VoiceFleet.Frontend.Models;

/// <summary>A model version's phoneme alphabet and the encoder of its id map.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Version.</param>
/// <param name="Alphabet">The map's alphabet (<c>ipa</c>, <c>pinyin</c>, …).</param>
/// <param name="Encoder">Phonemes → ids, Piper's layout.</param>
internal sealed record ModelPhonemes(string Name, string Version, string Alphabet, PhonemeIdEncoder Encoder);

namespace VoiceFleet.Text.Sentences;

/// <summary>A reading fixed from outside G2P for one Han character.</summary>
/// <param name="Pinyin">The syllable, tone number included (e.g. <c>zhong4</c>).</param>
/// <param name="Source">Where it came from.</param>
public sealed record ForcedReading(string Pinyin, PronunciationSource Source);

namespace VoiceFleet.Text.Mandarin;

/// <summary>One word of the lexicon: its log probability and where its syllables are in the syllable pool.</summary>
/// <param name="LogProbability">ln(frequency / total frequency).</param>
/// <param name="SyllableStart">Index of its first syllable in the pool.</param>
/// <param name="Length">Characters (and syllables).</param>
internal readonly record struct LexiconWord(float LogProbability, int SyllableStart, int Length);

namespace VoiceFleet.Synthesis.Output;

/// <summary>One sentence of the output, finished: marked, at the output rate, with its trailing pause.</summary>
/// <param name="SentenceIndex">The sentence's 0-based index among those spoken.</param>
/// <param name="Text">The sentence's normalized text.</param>
/// <param name="Samples">The samples at the output rate.</param>
/// <param name="StartSeconds">Where it starts in the whole output.</param>
/// <param name="IsLast">The last segment of the output.</param>
internal sealed record OutputSegment(int SentenceIndex, string Text, float[] Samples, double StartSeconds, bool IsLast);

namespace VoiceFleet.Synthesis.Models;

/// <summary>One sentence for a model run: its phoneme ids and conditioning.</summary>
/// <param name="PhonemeIds">The model's phoneme ids, BOS/EOS and padding included (from the frontend).</param>
/// <param name="Speaker">The speaker embedding, for models that take one.</param>
/// <param name="SpeakerId">The speaker id, for multi-speaker id models (Piper's <c>sid</c>).</param>
/// <param name="Emotion">The emotion embedding, for models that take one.</param>
/// <param name="Seed">The sentence's seed: same seed, same samples.</param>
internal sealed record SentenceInput(long[] PhonemeIds, float[]? Speaker, long SpeakerId, float[]? Emotion, long Seed);

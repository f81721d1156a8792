namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>The speaker as model inputs: an embedding and/or an id, and how it was chosen (for logs and responses).</summary>
internal sealed record ResolvedVoice(float[]? Embedding, long SpeakerId, string Description);

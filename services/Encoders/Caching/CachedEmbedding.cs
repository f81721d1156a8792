namespace VoiceFleet.Encoders.Caching;

/// <summary>A cached encoder result: the embedding and, for emotion encoders, the class probabilities.</summary>
internal sealed record CachedEmbedding(float[] Values, float[]? Probabilities);

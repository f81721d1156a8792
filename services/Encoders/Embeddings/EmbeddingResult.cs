namespace VoiceFleet.Encoders.Embeddings;

/// <summary>An encoder's answer for one clip: the vector, the class probabilities (emotion encoders) and whether the cache served it.</summary>
internal sealed record EmbeddingResult(float[] Values, float[]? Probabilities, string EncoderVersion, bool CacheHit);

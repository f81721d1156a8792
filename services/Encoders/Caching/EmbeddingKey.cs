namespace VoiceFleet.Encoders.Caching;

/// <summary>What an embedding is cached under: the clip's content hash, the encoder version and the kind of vector.</summary>
internal readonly record struct EmbeddingKey(string ContentSha256, string EncoderVersion, EmbeddingKind Kind);

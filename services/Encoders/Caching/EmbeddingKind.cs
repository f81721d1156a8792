namespace VoiceFleet.Encoders.Caching;

/// <summary>Which encoder made a cached vector.</summary>
internal enum EmbeddingKind
{
    Speaker = 1,
    Emotion = 2,
}

using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Encoders.Emotions;

/// <summary>A resolved emotion: its embedding in the encoder's space, the distribution over the encoder's labels, the top label and the strength applied.</summary>
internal sealed record EmotionOutcome(
    float[] Embedding,
    float[] Distribution,
    IReadOnlyList<string> Labels,
    string Emotion,
    float Strength,
    string EncoderVersion,
    AudioQualityReport? Quality,
    bool CacheHit);

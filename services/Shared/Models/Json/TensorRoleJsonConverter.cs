using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Json;

/// <summary><see cref="TensorRole"/> as its camelCase name (<c>phonemeIds</c>).</summary>
internal sealed class TensorRoleJsonConverter : EnumJsonConverter<TensorRole>
{
    public static readonly TensorRoleJsonConverter Instance = new();

    public TensorRoleJsonConverter()
        : base(
        [
            (TensorRole.PhonemeIds, "phonemeIds"),
            (TensorRole.PhonemeLengths, "phonemeLengths"),
            (TensorRole.Scales, "scales"),
            (TensorRole.SpeakerEmbedding, "speakerEmbedding"),
            (TensorRole.SpeakerId, "speakerId"),
            (TensorRole.EmotionEmbedding, "emotionEmbedding"),
            (TensorRole.Seed, "seed"),
            (TensorRole.Mel, "mel"),
            (TensorRole.MelLengths, "melLengths"),
            (TensorRole.Audio, "audio"),
            (TensorRole.Features, "features"),
            (TensorRole.FeatureLengths, "featureLengths"),
            (TensorRole.Embedding, "embedding"),
            (TensorRole.Logits, "logits"),
            (TensorRole.AudioLengths, "audioLengths"),
            (TensorRole.Pitch, "pitch"),
        ])
    {
    }
}

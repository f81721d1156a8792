using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Json;

/// <summary><see cref="ModelKind"/> as <c>end-to-end</c>, <c>two-stage</c>, <c>speaker-encoder</c>, <c>emotion-encoder</c>.</summary>
internal sealed class ModelKindJsonConverter : EnumJsonConverter<ModelKind>
{
    public static readonly ModelKindJsonConverter Instance = new();

    public ModelKindJsonConverter()
        : base(
        [
            (ModelKind.EndToEnd, "end-to-end"),
            (ModelKind.TwoStage, "two-stage"),
            (ModelKind.SpeakerEncoder, "speaker-encoder"),
            (ModelKind.EmotionEncoder, "emotion-encoder"),
        ])
    {
    }
}

namespace VoiceFleet.Models.Manifest;

/// <summary>The component names of each <see cref="ModelKind"/>, the keys of <see cref="ModelManifest.Components"/>.</summary>
public static class ModelComponentNames
{
    /// <summary>The single model of an <see cref="ModelKind.EndToEnd"/> bundle.</summary>
    public const string Model = "model";

    /// <summary>The phonemes-to-mel model of a <see cref="ModelKind.TwoStage"/> bundle.</summary>
    public const string Acoustic = "acoustic";

    /// <summary>The mel-to-audio model of a <see cref="ModelKind.TwoStage"/> bundle.</summary>
    public const string Vocoder = "vocoder";

    /// <summary>The model of a <see cref="ModelKind.SpeakerEncoder"/> or <see cref="ModelKind.EmotionEncoder"/> bundle.</summary>
    public const string Encoder = "encoder";

    /// <summary>The components a bundle of <paramref name="kind"/> has, in pipeline order; empty for <see cref="ModelKind.Unspecified"/>.</summary>
    public static IReadOnlyList<string> For(ModelKind kind) => kind switch
    {
        ModelKind.EndToEnd => [Model],
        ModelKind.TwoStage => [Acoustic, Vocoder],
        ModelKind.SpeakerEncoder or ModelKind.EmotionEncoder => [Encoder],
        _ => [],
    };
}

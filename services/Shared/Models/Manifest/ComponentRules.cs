namespace VoiceFleet.Models.Manifest;

/// <summary>The roles a component of a kind may and must have.</summary>
internal sealed record ComponentRules(
    string Name,
    IReadOnlyList<TensorRole> Inputs,
    IReadOnlyList<TensorRole> RequiredInputs,
    IReadOnlyList<TensorRole> Outputs,
    IReadOnlyList<TensorRole> RequiredOutputs)
{
    private static readonly TensorRole[] TextInputs =
    [
        TensorRole.PhonemeIds, TensorRole.PhonemeLengths, TensorRole.Scales, TensorRole.SpeakerEmbedding,
        TensorRole.SpeakerId, TensorRole.EmotionEmbedding, TensorRole.Seed,
    ];

    private static readonly TensorRole[] VocoderInputs =
    [
        TensorRole.Mel, TensorRole.MelLengths, TensorRole.Pitch, TensorRole.SpeakerEmbedding, TensorRole.SpeakerId, TensorRole.EmotionEmbedding, TensorRole.Seed,
    ];

    private static readonly TensorRole[] EncoderInputs = [TensorRole.Features, TensorRole.FeatureLengths];

    /// <summary>The components of <paramref name="kind"/>, in pipeline order.</summary>
    public static IReadOnlyList<ComponentRules> For(ModelKind kind) => kind switch
    {
        ModelKind.EndToEnd =>
        [
            new(ModelComponentNames.Model, TextInputs, [TensorRole.PhonemeIds], [TensorRole.Audio, TensorRole.AudioLengths], [TensorRole.Audio]),
        ],
        ModelKind.TwoStage =>
        [
            new(ModelComponentNames.Acoustic, TextInputs, [TensorRole.PhonemeIds], [TensorRole.Mel, TensorRole.MelLengths, TensorRole.Pitch], [TensorRole.Mel]),
            new(ModelComponentNames.Vocoder, VocoderInputs, [TensorRole.Mel], [TensorRole.Audio, TensorRole.AudioLengths], [TensorRole.Audio]),
        ],
        ModelKind.SpeakerEncoder =>
        [
            new(ModelComponentNames.Encoder, EncoderInputs, [TensorRole.Features], [TensorRole.Embedding], [TensorRole.Embedding]),
        ],
        ModelKind.EmotionEncoder =>
        [
            new(ModelComponentNames.Encoder, EncoderInputs, [TensorRole.Features], [TensorRole.Embedding, TensorRole.Logits], [TensorRole.Embedding, TensorRole.Logits]),
        ],
        _ => [],
    };
}

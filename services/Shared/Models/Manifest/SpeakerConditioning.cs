namespace VoiceFleet.Models.Manifest;

/// <summary>
/// The speakers a model accepts: embeddings from a speaker encoder, named preset embeddings, and, for multi-speaker
/// id models such as Piper's, speaker ids. For a speaker encoder it describes the embedding it produces.
/// </summary>
public sealed record SpeakerConditioning
{
    /// <summary>The length of a speaker embedding (<c>embeddingSize</c>); null when the model takes none.</summary>
    public int? EmbeddingSize { get; init; }

    /// <summary>The speaker encoder whose embeddings the model expects (<c>encoder</c>); optional.</summary>
    public EncoderRef? Encoder { get; init; }

    /// <summary>Named speaker embeddings, each of <see cref="EmbeddingSize"/> values (<c>presets</c>); optional.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<float>> Presets { get; init; } = new Dictionary<string, IReadOnlyList<float>>();

    /// <summary>Speaker names and their ids for a <see cref="TensorRole.SpeakerId"/> input (<c>speakerIdMap</c>); optional.</summary>
    public IReadOnlyDictionary<string, long> SpeakerIdMap { get; init; } = new Dictionary<string, long>();

    /// <summary>How many speaker ids a <see cref="TensorRole.SpeakerId"/> input accepts (<c>speakerCount</c>); optional.</summary>
    public int? SpeakerCount { get; init; }
}

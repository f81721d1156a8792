namespace VoiceFleet.Models.Manifest;

/// <summary>
/// The emotion space a model accepts (an embedding, its labels and a prototype embedding per label), or, for an
/// emotion encoder, the space it produces.
/// </summary>
public sealed record EmotionConditioning
{
    /// <summary>The length of an emotion embedding (<c>embeddingSize</c>).</summary>
    public int EmbeddingSize { get; init; }

    /// <summary>The emotion labels, in logit order (<c>labels</c>).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>A prototype embedding for some of the labels (<c>prototypes</c>); optional.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<float>> Prototypes { get; init; } = new Dictionary<string, IReadOnlyList<float>>();

    /// <summary>The emotion encoder whose embeddings the model expects (<c>encoder</c>); optional.</summary>
    public EncoderRef? Encoder { get; init; }
}

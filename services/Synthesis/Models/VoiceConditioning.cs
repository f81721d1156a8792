using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Synthesis.Models;

/// <summary>
/// The speakers and emotions a model accepts, read from its manifest: preset speakers (embeddings or ids), the default
/// speaker, the encoders whose embeddings it expects, and its neutral emotion.
/// </summary>
internal sealed class VoiceConditioning
{
    public VoiceConditioning(ModelManifest manifest, bool takesSpeakerEmbedding, bool takesSpeakerId, bool takesEmotion)
    {
        var speaker = manifest.Conditioning?.Speaker;
        var emotion = manifest.Conditioning?.Emotion;
        TakesSpeakerEmbedding = takesSpeakerEmbedding;
        TakesSpeakerId = takesSpeakerId;
        TakesEmotion = takesEmotion;
        SpeakerEmbeddingSize = speaker?.EmbeddingSize ?? 0;
        EmotionEmbeddingSize = emotion?.EmbeddingSize ?? 0;
        SpeakerEncoder = speaker?.Encoder is { } se ? se.Name + "/" + se.Version : "";
        EmotionEncoder = emotion?.Encoder is { } ee ? ee.Name + "/" + ee.Version : "";
        EmotionLabels = emotion?.Labels ?? [];
        Presets = takesSpeakerEmbedding && speaker is not null
            ? speaker.Presets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToArray()
            : takesSpeakerId && speaker is not null
                ? speaker.SpeakerIdMap.OrderBy(p => p.Value).Select(p => p.Key).ToArray()
                : [];
        presetEmbeddings = speaker?.Presets.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal) ?? [];
        presetIds = speaker?.SpeakerIdMap.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [];
        DefaultSpeaker = Presets.Count > 0 ? Presets[0] : "";
        Neutral = emotion is not null && emotion.Prototypes.TryGetValue("neutral", out var neutral)
            ? neutral.ToArray()
            : new float[EmotionEmbeddingSize];
    }

    private readonly Dictionary<string, float[]> presetEmbeddings;
    private readonly Dictionary<string, long> presetIds;

    public bool TakesSpeakerEmbedding { get; }

    public bool TakesSpeakerId { get; }

    public bool TakesEmotion { get; }

    public int SpeakerEmbeddingSize { get; }

    public int EmotionEmbeddingSize { get; }

    /// <summary>The speaker encoder as <c>model/version</c>; empty when the manifest names none.</summary>
    public string SpeakerEncoder { get; }

    /// <summary>The emotion encoder as <c>model/version</c>; empty when the manifest names none.</summary>
    public string EmotionEncoder { get; }

    public IReadOnlyList<string> EmotionLabels { get; }

    /// <summary>Preset speaker names: sorted by name for embedding presets, by id for id maps.</summary>
    public IReadOnlyList<string> Presets { get; }

    /// <summary>The speaker used when a request names none (the first preset); empty when there are none.</summary>
    public string DefaultSpeaker { get; }

    /// <summary>The neutral emotion embedding (the manifest's prototype, or zeros).</summary>
    public float[] Neutral { get; }

    /// <summary>A preset speaker as a model input: its embedding and/or id.</summary>
    public bool TryGetPreset(string name, out float[]? embedding, out long id)
    {
        embedding = null;
        id = 0;
        var found = false;
        if (TakesSpeakerEmbedding && presetEmbeddings.TryGetValue(name, out var e))
        {
            embedding = e;
            found = true;
        }

        if (TakesSpeakerId && presetIds.TryGetValue(name, out var i))
        {
            id = i;
            found = true;
        }

        return found;
    }
}

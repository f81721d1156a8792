namespace VoiceFleet.Models.Manifest;

/// <summary>
/// What a model input or output carries, so the synthesis and encoder paths find their tensors by role rather than by
/// name. In JSON (<c>role</c>) each is the camelCase name, e.g. <c>phonemeIds</c>.
/// </summary>
public enum TensorRole
{
    /// <summary>Not set; a tensor without a role is invalid.</summary>
    Unspecified = 0,

    /// <summary>Input: phoneme ids, integer <c>[batch, phonemes]</c> (Piper <c>input</c>).</summary>
    PhonemeIds = 1,

    /// <summary>Input: the number of phoneme ids per batch item, integer <c>[batch]</c> (Piper <c>input_lengths</c>).</summary>
    PhonemeLengths = 2,

    /// <summary>Input: float <c>[3]</c> holding noise scale, length scale and noise width (Piper <c>scales</c>).</summary>
    Scales = 3,

    /// <summary>Input: a speaker embedding, float <c>[batch, embeddingSize]</c>.</summary>
    SpeakerEmbedding = 4,

    /// <summary>Input: a speaker index for multi-speaker id models, integer <c>[batch]</c> (Piper <c>sid</c>).</summary>
    SpeakerId = 5,

    /// <summary>Input: an emotion embedding, float <c>[batch, embeddingSize]</c>.</summary>
    EmotionEmbedding = 6,

    /// <summary>Input: a random seed per batch item, integer <c>[batch]</c>.</summary>
    Seed = 7,

    /// <summary>Output of an acoustic model, input of a vocoder: a mel spectrogram, float <c>[batch, bins, frames]</c>.</summary>
    Mel = 8,

    /// <summary>Optional output of an acoustic model and input of a vocoder: frames per batch item, integer <c>[batch]</c>.</summary>
    MelLengths = 9,

    /// <summary>Output: audio samples in [-1, 1], float of rank 1 to 4 (for example <c>[batch, 1, samples]</c>), read flattened.</summary>
    Audio = 10,

    /// <summary>Input of an encoder: audio features, float <c>[batch, frames, bins]</c>.</summary>
    Features = 11,

    /// <summary>Optional input of an encoder: frames per batch item, integer <c>[batch]</c>.</summary>
    FeatureLengths = 12,

    /// <summary>Output of an encoder: the embedding, float <c>[batch, embeddingSize]</c>.</summary>
    Embedding = 13,

    /// <summary>Output of an emotion encoder: one logit per emotion label, float <c>[batch, labels]</c>.</summary>
    Logits = 14,

    /// <summary>Output: the valid samples of each batch item's audio (the rest is padding).</summary>
    AudioLengths = 15,

    /// <summary>Output of an acoustic stage and input of its vocoder: F0 per frame in Hz, 0 where unvoiced.</summary>
    Pitch = 16,
}

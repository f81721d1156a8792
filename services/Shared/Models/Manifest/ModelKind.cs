namespace VoiceFleet.Models.Manifest;

/// <summary>What a bundle holds. In JSON (<c>kind</c>): <c>end-to-end</c>, <c>two-stage</c>, <c>speaker-encoder</c>, <c>emotion-encoder</c>.</summary>
public enum ModelKind
{
    /// <summary>Not set; a manifest without a kind is invalid.</summary>
    Unspecified = 0,

    /// <summary><c>end-to-end</c>: one model from phoneme ids to audio (acoustic model and vocoder in one graph, as VITS and Piper); component <c>model</c>.</summary>
    EndToEnd = 1,

    /// <summary><c>two-stage</c>: an acoustic model from phoneme ids to a mel spectrogram, then a vocoder from mel to audio; components <c>acoustic</c> and <c>vocoder</c>.</summary>
    TwoStage = 2,

    /// <summary><c>speaker-encoder</c>: audio features to a speaker embedding; component <c>encoder</c>.</summary>
    SpeakerEncoder = 3,

    /// <summary><c>emotion-encoder</c>: audio features to an emotion embedding and label logits; component <c>encoder</c>.</summary>
    EmotionEncoder = 4,
}

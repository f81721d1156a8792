namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>Warning codes synthesis adds itself (upstream warnings pass through with their own codes).</summary>
internal static class SynthesisWarnings
{
    /// <summary>The speaker could not be taken from the reference clip or the voice registry; the default voice spoke.</summary>
    public const string SpeakerFallbackDefault = "SPEAKER_FALLBACK_DEFAULT";

    /// <summary>The model cannot speak the requested kind of voice (for example a cloned voice on an id-only model).</summary>
    public const string VoiceUnsupported = "VOICE_UNSUPPORTED";

    /// <summary>The emotion could not be resolved; neutral was used.</summary>
    public const string EmotionFallbackNeutral = "EMOTION_FALLBACK_NEUTRAL";

    /// <summary>The model takes no emotion; the request's emotion was ignored.</summary>
    public const string EmotionUnsupported = "EMOTION_UNSUPPORTED";

    /// <summary>A sentence had nothing the model can say and was skipped.</summary>
    public const string SentenceSkipped = "SENTENCE_SKIPPED";

    /// <summary>The model's rate is below what the watermark needs; the output is not marked.</summary>
    public const string WatermarkSkipped = "WATERMARK_SKIPPED";
}

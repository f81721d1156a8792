namespace VoiceFleet.Encoders.Diagnostics;

/// <summary>The warning codes the Encoders service returns (docs/contracts.md lists them all).</summary>
internal static class WarningCodes
{
    public const string EmotionFallbackNeutral = "EMOTION_FALLBACK_NEUTRAL";
    public const string EmotionLabelInterpreted = "EMOTION_LABEL_INTERPRETED";
    public const string TextEmotionFallbackLexicon = "TEXT_EMOTION_FALLBACK_LEXICON";
    public const string ReferenceTooShort = "REFERENCE_TOO_SHORT";
    public const string ReferenceTooLong = "REFERENCE_TOO_LONG";
    public const string LowSnr = "LOW_SNR";
    public const string Clipping = "CLIPPING";
    public const string LowSpeechRatio = "LOW_SPEECH_RATIO";
}

namespace VoiceFleet.Text;

/// <summary>The warning codes the frontend emits.</summary>
public static class WarningCodes
{
    /// <summary>A span could not be normalized and was read as written, spelled out or dropped (an emoji, a symbol).</summary>
    public const string TextNormalizationFallback = "TEXT_NORMALIZATION_FALLBACK";

    /// <summary>A word had no pronunciation and was spelled or skipped; or phonemes missing from a model's map were skipped.</summary>
    public const string G2pFallback = "G2P_FALLBACK";
}

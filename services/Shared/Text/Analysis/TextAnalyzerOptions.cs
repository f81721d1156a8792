using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Analysis;

/// <summary>Defaults and limits of a <see cref="TextAnalyzer"/>.</summary>
public sealed record TextAnalyzerOptions
{
    /// <summary>Size limits.</summary>
    public InputLimits Limits { get; init; } = new();

    /// <summary>Language of input without Han characters or letters (only digits and symbols) when the request gives none.</summary>
    public string DefaultLanguage { get; init; } = "zh";
}

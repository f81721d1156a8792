using VoiceFleet.Text.Analysis;

namespace VoiceFleet.Text.Tests.Analysis;

/// <summary>Shortcuts for tests.</summary>
internal static class AnalyzerExtensions
{
    public static Task<AnalysisResult> TextAsync(this TextAnalyzer analyzer, string text, string? language = null) =>
        analyzer.AnalyzeAsync(new AnalysisRequest { Text = text, Language = language });

    public static Task<AnalysisResult> SsmlAsync(this TextAnalyzer analyzer, string ssml) =>
        analyzer.AnalyzeAsync(new AnalysisRequest { Ssml = ssml });

    /// <summary>The normalized text of all sentences, joined.</summary>
    public static async Task<string> NormalizedAsync(this TextAnalyzer analyzer, string text, string? language = null) =>
        string.Concat((await analyzer.TextAsync(text, language)).Sentences.Select(s => s.Text));
}

namespace VoiceFleet.Text.Analysis;

/// <summary>The analysis of one request.</summary>
/// <param name="Sentences">The sentences in order.</param>
/// <param name="Language">The dominant language (BCP-47: zh, en-us, …).</param>
/// <param name="Warnings">Fallbacks taken.</param>
public sealed record AnalysisResult(IReadOnlyList<AnalyzedSentence> Sentences, string Language, IReadOnlyList<TextWarning> Warnings);

using VoiceFleet.Text.Lexicons;

namespace VoiceFleet.Text.Analysis;

/// <summary>What to analyze: exactly one of <see cref="Text"/>, <see cref="Ssml"/>, <see cref="Phonemes"/>.</summary>
public sealed record AnalysisRequest
{
    /// <summary>Plain text, possibly with inline annotations (重[zhòng]要).</summary>
    public string? Text { get; init; }

    /// <summary>An SSML document.</summary>
    public string? Ssml { get; init; }

    /// <summary>Phonemes to read as written.</summary>
    public PhonemeInputSpec? Phonemes { get; init; }

    /// <summary>BCP-47 language hint; empty = detected per span.</summary>
    public string? Language { get; init; }

    /// <summary>Clause-split sentences longer than this; 0 = the analyzer's default.</summary>
    public int MaxSentenceChars { get; init; }

    /// <summary>Per-request overrides (validated); they win over every lexicon.</summary>
    public IReadOnlyList<PronunciationEntry> RequestEntries { get; init; } = [];

    /// <summary>Lexicon snapshots to apply after the request's entries, in precedence order (named ones, then the file-backed one).</summary>
    public IReadOnlyList<PronunciationLexicon> Lexicons { get; init; } = [];

    /// <summary>Turn fallbacks into errors.</summary>
    public bool Strict { get; init; }
}

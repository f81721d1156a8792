using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Text.Analysis;

/// <summary>A word (or punctuation mark) with its pronunciation.</summary>
public sealed record AnalyzedWord
{
    /// <summary>Normalized text (the mark for punctuation).</summary>
    public required string Text { get; init; }

    /// <summary>The input span it came from (e.g. "2023年" for several words).</summary>
    public required string Original { get; init; }

    /// <summary>Offset of <see cref="Original"/> in code points of the request's text or SSML.</summary>
    public required int SourceOffset { get; init; }

    /// <summary>Length of <see cref="Original"/> in code points.</summary>
    public required int SourceLength { get; init; }

    /// <summary>BCP-47.</summary>
    public required string Language { get; init; }

    /// <summary>Phoneme symbols: IPA code points for espeak-ng languages, spoken pinyin syllables for Mandarin.</summary>
    public required IReadOnlyList<string> Phonemes { get; init; }

    /// <summary>Mandarin: one per Han character.</summary>
    public IReadOnlyList<MandarinSyllable> Syllables { get; init; } = [];

    /// <summary>Where the pronunciation came from.</summary>
    public PronunciationSource Source { get; init; }

    /// <summary>A punctuation token.</summary>
    public bool Punctuation { get; init; }

    /// <summary>Inside SSML emphasis.</summary>
    public bool Emphasis { get; init; }

    /// <summary>Word-level prosody.</summary>
    public ProsodyMarks Prosody { get; init; } = ProsodyMarks.None;

    /// <summary>Silence after it from an SSML break inside the sentence.</summary>
    public double PauseAfterSeconds { get; init; }
}

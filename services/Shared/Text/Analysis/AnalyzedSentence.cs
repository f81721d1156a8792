using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Analysis;

/// <summary>A unit of speech ready for a model.</summary>
public sealed record AnalyzedSentence
{
    /// <summary>0-based position.</summary>
    public required int Index { get; init; }

    /// <summary>The input span it came from (SSML markup removed).</summary>
    public required string Original { get; init; }

    /// <summary>Normalized text.</summary>
    public required string Text { get; init; }

    /// <summary>Dominant language.</summary>
    public required string Language { get; init; }

    /// <summary>Its words and punctuation.</summary>
    public required IReadOnlyList<AnalyzedWord> Words { get; init; }

    /// <summary>The whole sentence's phonemes (words separated by spaces, punctuation kept).</summary>
    public required string Phonemes { get; init; }

    /// <summary>
    /// The same phonemes wholly in IPA, for models whose phoneme map is IPA: Mandarin syllables converted by
    /// <see cref="Mandarin.PinyinIpa"/> (<c>yin2 hang2</c> → <c>in2 xɑŋ2</c>), everything else as in
    /// <see cref="Phonemes"/>; equal to it when the sentence has no pinyin.
    /// </summary>
    public required string IpaPhonemes { get; init; }

    /// <summary>The alphabet of the dominant language (pinyin for Mandarin, IPA otherwise).</summary>
    public required PhonemeAlphabet Alphabet { get; init; }

    /// <summary>What ends it.</summary>
    public required BreakKind Break { get; init; }

    /// <summary>Silence after it, seconds.</summary>
    public required double PauseAfterSeconds { get; init; }

    /// <summary>Sentence-level prosody (shared by all its words), or <see cref="ProsodyMarks.None"/>.</summary>
    public required ProsodyMarks Prosody { get; init; }

    /// <summary>The emotion element it is in, or null.</summary>
    public EmotionMark? Emotion { get; init; }
}

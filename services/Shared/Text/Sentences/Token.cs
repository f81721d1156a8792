using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Sentences;

/// <summary>A unit of normalized text on its way to G2P.</summary>
internal sealed class Token
{
    /// <summary>Creates a token.</summary>
    public Token(TokenKind kind, MappedText text, string language, TextStyle style)
    {
        Kind = kind;
        Text = text;
        Language = language;
        Style = style;
    }

    /// <summary>What it is.</summary>
    public TokenKind Kind { get; }

    /// <summary>The normalized characters with their input ranges.</summary>
    public MappedText Text { get; }

    /// <summary>"zh" or an espeak-ng language.</summary>
    public string Language { get; }

    /// <summary>SSML markup in force.</summary>
    public TextStyle Style { get; }

    /// <summary>For <see cref="TokenKind.Phonemes"/>: the given pronunciation.</summary>
    public PhonemeOverride? Phonemes { get; init; }

    /// <summary>For <see cref="TokenKind.Han"/>: a fixed reading per character (pinyin, tone numbers) with where it came from, or null where G2P decides.</summary>
    public IReadOnlyList<ForcedReading?>? Readings { get; init; }

    /// <summary>Silence after the token from an SSML break inside the sentence, in seconds.</summary>
    public double PauseAfter { get; set; }

    /// <summary>Characters it counts for in sentence length.</summary>
    public int Weight => Kind == TokenKind.Word ? Text.Length + 1 : Text.Length;

    /// <summary>For punctuation: whether it ends a sentence.</summary>
    public bool EndsSentence => Kind == TokenKind.Punctuation && Text.Text.Any(Scripts.IsSentenceFinal);

    /// <summary>For punctuation: whether a long sentence may be split after it.</summary>
    public bool EndsClause => Kind == TokenKind.Punctuation && Text.Text.Any(Scripts.IsClausePunctuation);

    /// <summary>The characters <c>[start, start + length)</c> of a Han token as a token of their own.</summary>
    public Token Slice(int start, int length) => new(Kind, Text.Slice(start, length), Language, Style)
    {
        Phonemes = Phonemes,
        Readings = Readings?.Skip(start).Take(length).ToArray(),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Text.Text}";
}

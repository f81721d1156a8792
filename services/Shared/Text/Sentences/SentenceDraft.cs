namespace VoiceFleet.Text.Sentences;

/// <summary>The tokens of one sentence and what ends it.</summary>
internal sealed class SentenceDraft(List<Token> tokens, BreakKind breakKind, double pauseSeconds)
{
    /// <summary>The tokens in order.</summary>
    public List<Token> Tokens { get; } = tokens;

    /// <summary>What ends it.</summary>
    public BreakKind Break { get; set; } = breakKind;

    /// <summary>Silence after it, in seconds.</summary>
    public double PauseSeconds { get; set; } = pauseSeconds;

    /// <summary>Characters it counts for.</summary>
    public int Weight => Tokens.Sum(t => t.Weight);
}

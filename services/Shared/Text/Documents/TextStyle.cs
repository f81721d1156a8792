namespace VoiceFleet.Text.Documents;

/// <summary>What SSML says about a span besides its text; inherited by nested elements.</summary>
internal sealed record TextStyle
{
    /// <summary>No markup.</summary>
    public static TextStyle Plain { get; } = new();

    /// <summary>The span's language from <c>xml:lang</c>, or null.</summary>
    public string? Language { get; init; }

    /// <summary>Prosody marks, composed over nested elements.</summary>
    public ProsodyMarks Prosody { get; init; } = ProsodyMarks.None;

    /// <summary>Inside <c>&lt;emphasis&gt;</c> (any level other than none).</summary>
    public bool Emphasis { get; init; }

    /// <summary>The enclosing emotion element, or null.</summary>
    public EmotionMark? Emotion { get; init; }

    /// <summary>The enclosing <c>&lt;say-as&gt;</c>, or null.</summary>
    public SayAs? SayAs { get; init; }
}

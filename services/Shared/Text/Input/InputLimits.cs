namespace VoiceFleet.Text.Input;

/// <summary>Size limits of one request.</summary>
public sealed record InputLimits
{
    /// <summary>The default <see cref="MaxInputChars"/>.</summary>
    public const int DefaultMaxInputChars = 5000;

    /// <summary>The default <see cref="MaxSentenceChars"/>.</summary>
    public const int DefaultMaxSentenceChars = 120;

    /// <summary>Most characters (Unicode code points) of text a request may carry; for SSML, of its text content.</summary>
    public int MaxInputChars { get; init; } = DefaultMaxInputChars;

    /// <summary>Sentences longer than this many characters are split at clause punctuation (or, failing that, between words).</summary>
    public int MaxSentenceChars { get; init; } = DefaultMaxSentenceChars;

    /// <summary>SSML markup may make the document this many times longer than <see cref="MaxInputChars"/>.</summary>
    public int SsmlMarkupFactor { get; init; } = 8;
}

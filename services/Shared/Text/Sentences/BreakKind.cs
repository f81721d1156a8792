namespace VoiceFleet.Text;

/// <summary>What ends a sentence (the proto's <c>BreakType</c>).</summary>
public enum BreakKind
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>Sentence-final punctuation or an SSML &lt;s&gt; end.</summary>
    Sentence = 1,

    /// <summary>A long sentence split at clause punctuation (or between words) for streaming.</summary>
    Clause = 2,

    /// <summary>A paragraph end (blank line or SSML &lt;/p&gt;).</summary>
    Paragraph = 3,

    /// <summary>An SSML &lt;break&gt; strong or long enough to end the sentence.</summary>
    Explicit = 4,

    /// <summary>End of input.</summary>
    End = 5,
}

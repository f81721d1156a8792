namespace VoiceFleet.Text.Lexicons;

/// <summary>A write that would take the lexicon store over its limits (RESOURCE_EXHAUSTED).</summary>
public sealed class LexiconFullException : Exception
{
    /// <summary>Required by CA1032.</summary>
    public LexiconFullException()
        : base("the lexicon store is full")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LexiconFullException(string message)
        : base(message)
    {
    }

    /// <summary>Required by CA1032.</summary>
    public LexiconFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace VoiceFleet.Text.Lexicons;

/// <summary>A named lexicon that does not exist (NOT_FOUND).</summary>
public sealed class LexiconNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public LexiconNotFoundException(string name, IEnumerable<string> known)
        : base($"no lexicon named '{name}'; known: {string.Join(", ", known.DefaultIfEmpty("(none)"))}")
    {
        LexiconName = name;
    }

    /// <summary>Required by CA1032.</summary>
    public LexiconNotFoundException()
        : base("no such lexicon")
    {
        LexiconName = string.Empty;
    }

    /// <summary>Required by CA1032.</summary>
    public LexiconNotFoundException(string message)
        : base(message)
    {
        LexiconName = string.Empty;
    }

    /// <summary>Required by CA1032.</summary>
    public LexiconNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        LexiconName = string.Empty;
    }

    /// <summary>The name asked for.</summary>
    public string LexiconName { get; }
}

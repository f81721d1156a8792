namespace VoiceFleet.Text.Lexicons;

/// <summary>A write to the file-backed lexicon, which only its file changes (FAILED_PRECONDITION).</summary>
public sealed class LexiconReadOnlyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LexiconReadOnlyException()
        : base($"the lexicon '{FileLexicon.Name}' is read-only: edit its file (Frontend:OverrideLexiconPath); it is reloaded when it changes")
    {
    }

    /// <summary>Required by CA1032.</summary>
    public LexiconReadOnlyException(string message)
        : base(message)
    {
    }

    /// <summary>Required by CA1032.</summary>
    public LexiconReadOnlyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

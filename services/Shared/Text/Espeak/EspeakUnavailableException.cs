namespace VoiceFleet.Text.Espeak;

/// <summary>libespeak-ng could not be loaded or initialized (not installed: run ./fleet setup).</summary>
public sealed class EspeakUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EspeakUnavailableException()
        : base("libespeak-ng is not available.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EspeakUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EspeakUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

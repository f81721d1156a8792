namespace VoiceFleet.Text.Espeak;

/// <summary>More callers are waiting for espeak-ng than the queue allows; the service answers RESOURCE_EXHAUSTED.</summary>
public sealed class EspeakBusyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EspeakBusyException()
        : base("espeak-ng is busy: too many requests are waiting for English G2P; retry shortly.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EspeakBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EspeakBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

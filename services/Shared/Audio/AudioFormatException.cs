namespace VoiceFleet.Audio;

/// <summary>
/// Audio bytes that cannot be decoded: not the container they claim to be, truncated, inconsistent, or
/// in an encoding this library does not read. The message names the problem.
/// </summary>
public sealed class AudioFormatException : Exception
{
    /// <summary>An audio format error without a message.</summary>
    public AudioFormatException()
    {
    }

    /// <summary>An audio format error; <paramref name="message"/> names the problem.</summary>
    public AudioFormatException(string message)
        : base(message)
    {
    }

    /// <summary>An audio format error caused by <paramref name="innerException"/>.</summary>
    public AudioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

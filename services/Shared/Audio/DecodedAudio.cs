namespace VoiceFleet.Audio;

/// <summary>
/// Decoded audio as one mono channel of float samples, nominally in [-1, 1] (integer PCM is scaled by
/// its full scale, so int16 −32768 reads as −1; float files are passed through unclipped).
/// </summary>
public sealed class DecodedAudio
{
    /// <summary>Decoded audio; <paramref name="samples"/> is kept, not copied.</summary>
    /// <param name="sampleRate">Samples per second, at least 1.</param>
    /// <param name="channels">How many channels the source had before it was mixed to mono, at least 1.</param>
    /// <param name="samples">The mono samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> or <paramref name="channels"/> is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    public DecodedAudio(int sampleRate, int channels, float[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentNullException.ThrowIfNull(samples);
        SampleRate = sampleRate;
        Channels = channels;
        Samples = samples;
    }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>How many channels the source had; <see cref="Samples"/> is always their mono mix (the mean).</summary>
    public int Channels { get; }

    /// <summary>The mono samples, nominally in [-1, 1].</summary>
    public float[] Samples { get; }

    /// <summary>How long the audio lasts: <c>Samples.Length / SampleRate</c> seconds.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}

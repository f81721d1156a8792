namespace VoiceFleet.Audio.Decoding;

/// <summary>Bounds on what a decoder produces, so a small compressed file cannot expand into gigabytes.</summary>
public sealed record DecodeLimits
{
    /// <summary>No bounds beyond the decoders' own (one hour per channel).</summary>
    public static DecodeLimits Default { get; } = new();

    /// <summary>The longest audio decoded; longer fails with <see cref="AudioFormatException"/>. One hour by default.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most samples per channel allowed at <paramref name="sampleRate"/>.</summary>
    public long MaxFrames(int sampleRate) => (long)Math.Ceiling(MaxDuration.TotalSeconds * sampleRate);

    /// <summary>The exception for audio that is longer than <see cref="MaxDuration"/>.</summary>
    internal AudioFormatException TooLong(string what) =>
        new($"The {what} audio is longer than the {MaxDuration.TotalSeconds:0.###} s this server decodes.");
}

namespace VoiceFleet.Audio.Dsp;

/// <summary>
/// The quality of <see cref="SincResampler"/>: how long its Kaiser-windowed sinc filter is, where it cuts
/// off, and how strongly the window suppresses the stop band.
/// </summary>
public sealed record ResamplerOptions
{
    /// <summary>The defaults: 32 zero crossings each side, cut-off at 0.95 × the lower Nyquist frequency, Kaiser β 8.6 (≈ 80–90 dB stop band).</summary>
    public static ResamplerOptions Default { get; } = new();

    /// <summary>Zero crossings of the sinc on each side of the centre (2 … 256). More is a sharper transition band and a slower filter.</summary>
    public int ZeroCrossings { get; init; } = 32;

    /// <summary>The cut-off as a fraction of the lower of the two Nyquist frequencies (0.5 … 1).</summary>
    public double Rolloff { get; init; } = 0.95;

    /// <summary>The Kaiser window's β (0 … 30): higher attenuates the stop band more and widens the transition.</summary>
    public double KaiserBeta { get; init; } = 8.6;

    internal void Validate()
    {
        if (ZeroCrossings is < 2 or > 256)
        {
            throw new ArgumentException($"ZeroCrossings is {ZeroCrossings}; it must be between 2 and 256.", "options");
        }

        if (!(Rolloff is >= 0.5 and <= 1.0))
        {
            throw new ArgumentException($"Rolloff is {Rolloff}; it must be between 0.5 and 1.", "options");
        }

        if (!(KaiserBeta is >= 0 and <= 30))
        {
            throw new ArgumentException($"KaiserBeta is {KaiserBeta}; it must be between 0 and 30.", "options");
        }
    }
}

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// The settings of <see cref="Watermarker"/>. The embedder and the detector must agree on <see cref="Key"/>,
/// <see cref="BandLowHz"/> and <see cref="BandHighHz"/>; the other values only affect one side.
/// </summary>
public sealed record WatermarkOptions
{
    /// <summary>The key used when none is configured. It is public: deployments that want a private mark set their own <see cref="Key"/>.</summary>
    public const string DefaultKey = "VoiceFleet audio watermark v1";

    private const string OptionsParameter = "options";

    /// <summary>The highest (quietest allowed loudest) watermark-to-signal ratio: the mark must stay below −35 dB.</summary>
    public const double MaxWsrDb = -35;

    /// <summary>The lowest watermark-to-signal ratio accepted.</summary>
    public const double MinWsrDb = -60;

    /// <summary>The highest band edge in Hz: below the 7.6 kHz where resampling to 16 kHz starts to cut.</summary>
    public const double MaxBandHz = 7500;

    /// <summary>The lowest band edge in Hz.</summary>
    public const double MinBandHz = 100;

    /// <summary>The defaults: <see cref="DefaultKey"/>, −38 dB, 500–7000 Hz, threshold 5.</summary>
    public static WatermarkOptions Default { get; } = new();

    /// <summary>The secret the spreading pattern is derived from (SHA-256 of its UTF-8 bytes); not empty.</summary>
    public string Key { get; init; } = DefaultKey;

    /// <summary>
    /// The watermark-to-signal ratio <see cref="Watermarker.Embed"/> aims at, in dB: 10·log10 of the mark's energy over the
    /// input's, over the whole clip. Between <see cref="MinWsrDb"/> and <see cref="MaxWsrDb"/>.
    /// </summary>
    public double TargetWsrDb { get; init; } = -38;

    /// <summary>The lower edge of the band that carries the mark, in Hz (at least <see cref="MinBandHz"/>).</summary>
    public double BandLowHz { get; init; } = 500;

    /// <summary>The upper edge of the band that carries the mark, in Hz (at most <see cref="MaxBandHz"/>, at least 1 kHz above <see cref="BandLowHz"/>).</summary>
    public double BandHighHz { get; init; } = 7000;

    /// <summary>
    /// The presence score (a z-score: about standard normal on unmarked audio) from which
    /// <see cref="Watermarker.Detect"/> reports a mark, 3 … 20. At 5 unmarked audio exceeds it with probability 2.9·10⁻⁷
    /// before the CRC, and about 5·10⁻⁹ with it.
    /// </summary>
    public double DetectionThreshold { get; init; } = 5;

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Key))
        {
            throw Invalid("Key is empty; the watermark needs a key.");
        }

        if (!(TargetWsrDb is >= MinWsrDb and <= MaxWsrDb))
        {
            throw Invalid($"TargetWsrDb is {TargetWsrDb} dB; it must be between {MinWsrDb} and {MaxWsrDb} dB.");
        }

        if (!(BandLowHz >= MinBandHz) || !(BandHighHz <= MaxBandHz) || !(BandHighHz - BandLowHz >= 1000))
        {
            throw Invalid(
                $"BandLowHz–BandHighHz is {BandLowHz}–{BandHighHz} Hz; the band must lie within {MinBandHz}–{MaxBandHz} Hz and be at least 1000 Hz wide.");
        }

        if (!(DetectionThreshold is >= 3 and <= 20))
        {
            throw Invalid($"DetectionThreshold is {DetectionThreshold}; it must be between 3 and 20.");
        }
    }

    // The parameter of the Watermarker constructor these options arrive through.
    private static ArgumentException Invalid(string message, string parameter = OptionsParameter) => new(message, parameter);
}

namespace VoiceFleet.Audio.Features;

/// <summary>
/// The settings of <see cref="KaldiFbank"/>, named and defaulted as Kaldi's <c>compute-fbank-feats</c>
/// (and <c>torchaudio.compliance.kaldi.fbank</c>) name them, except <see cref="NumBins"/> (80, as speaker
/// and emotion models use) and <see cref="MeanNormalize"/> (on).
/// </summary>
public sealed record FbankOptions
{
    /// <summary>The window functions <see cref="Window"/> accepts.</summary>
    public static IReadOnlyList<string> WindowTypes { get; } = ["povey", "hamming", "hanning", "rectangular", "blackman"];

    /// <summary>Sample rate of the input in Hz (Kaldi <c>--sample-frequency</c>).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Number of triangular mel bins (Kaldi <c>--num-mel-bins</c>, at least 3).</summary>
    public int NumBins { get; init; } = 80;

    /// <summary>Frame length in milliseconds; the frame has (int)(SampleRate · 0.001 · FrameLengthMs) samples.</summary>
    public double FrameLengthMs { get; init; } = 25;

    /// <summary>Frame shift in milliseconds; (int)(SampleRate · 0.001 · FrameShiftMs) samples.</summary>
    public double FrameShiftMs { get; init; } = 10;

    /// <summary>Low edge of the first mel bin in Hz (Kaldi <c>--low-freq</c>).</summary>
    public double LowFrequency { get; init; } = 20;

    /// <summary>High edge of the last mel bin in Hz: 0 is the Nyquist frequency, a negative value an offset below it (Kaldi <c>--high-freq</c>).</summary>
    public double HighFrequency { get; init; }

    /// <summary>Pre-emphasis coefficient: x[i] −= c·x[i−1], and x[0] −= c·x[0].</summary>
    public double PreEmphasis { get; init; } = 0.97;

    /// <summary>Subtract each frame's mean before anything else.</summary>
    public bool RemoveDcOffset { get; init; } = true;

    /// <summary>The window: "povey" (Hann to the power 0.85), "hamming", "hanning", "rectangular" or "blackman".</summary>
    public string Window { get; init; } = "povey";

    /// <summary>
    /// Standard deviation of Gaussian dither added to every frame, in int16 units (Kaldi's default is 1; ours is 0,
    /// for deterministic features at inference). The noise is seeded, so equal input gives equal output.
    /// </summary>
    public double Dither { get; init; }

    /// <summary>Only whole frames inside the signal (true), or frames centred on every shift with reflected edges (false).</summary>
    public bool SnipEdges { get; init; } = true;

    /// <summary>Prepend the log energy of each frame (after DC removal, before pre-emphasis) as column 0.</summary>
    public bool UseEnergy { get; init; }

    /// <summary>When above 0, the log energy is floored at ln(EnergyFloor).</summary>
    public double EnergyFloor { get; init; }

    /// <summary>Take the natural log of the mel energies (floored at float epsilon); off gives linear energies.</summary>
    public bool UseLogFbank { get; init; } = true;

    /// <summary>Subtract the per-utterance mean of every column (cepstral mean normalisation without variance).</summary>
    public bool MeanNormalize { get; init; } = true;

    /// <summary>Zero-pad each frame to the next power of two before the FFT (400 → 512).</summary>
    public bool RoundToPowerOfTwo { get; init; } = true;
}

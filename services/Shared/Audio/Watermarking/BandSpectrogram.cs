using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// The short-time spectrum of a 16 kHz signal in one frequency band: periodic Hann frames of
/// <see cref="FrameLength"/> samples every <see cref="Hop"/>, frame t starting at sample t·Hop, bins
/// <see cref="LowBin"/> … <see cref="LowBin"/> + <see cref="Bins"/> − 1 (31.25 Hz apart). Only whole frames count.
/// </summary>
internal sealed class BandSpectrogram
{
    /// <summary>The analysis rate in Hz.</summary>
    public const int SampleRate = 16_000;

    /// <summary>Samples per frame (32 ms).</summary>
    public const int FrameLength = 512;

    /// <summary>Samples between frame starts (16 ms).</summary>
    public const int Hop = 256;

    /// <summary>Frequency spacing of the bins in Hz.</summary>
    public const double BinHz = (double)SampleRate / FrameLength;

    // Frames analysed between two looks at the cancellation token.
    private const int CancellationStride = 64;

    private static readonly double[] s_window = BuildWindow();

    private BandSpectrogram(int frames, int lowBin, int bins)
    {
        Frames = frames;
        LowBin = lowBin;
        Bins = bins;
        Real = new double[frames * bins];
        Imag = new double[frames * bins];
    }

    public int Frames { get; }

    public int LowBin { get; }

    public int Bins { get; }

    /// <summary>Real parts, row-major: frame t, band bin j at t·Bins + j.</summary>
    public double[] Real { get; }

    /// <summary>Imaginary parts, laid out as <see cref="Real"/>.</summary>
    public double[] Imag { get; }

    /// <summary>The periodic Hann window, w[n] = ½ − ½·cos(2πn/N).</summary>
    public static ReadOnlySpan<double> Window => s_window;

    /// <summary>Whole frames in a signal of <paramref name="samples"/> samples.</summary>
    public static int FrameCount(int samples) => samples < FrameLength ? 0 : 1 + (samples - FrameLength) / Hop;

    /// <summary>The band of <paramref name="signal"/> (16 kHz) frame by frame.</summary>
    public static BandSpectrogram Analyse(ReadOnlySpan<float> signal, int lowBin, int bins, CancellationToken cancellationToken)
    {
        var spectrogram = new BandSpectrogram(FrameCount(signal.Length), lowBin, bins);
        Span<double> re = stackalloc double[FrameLength];
        Span<double> im = stackalloc double[FrameLength];
        for (int t = 0; t < spectrogram.Frames; t++)
        {
            if (t % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ReadOnlySpan<float> frame = signal.Slice(t * Hop, FrameLength);
            for (int n = 0; n < FrameLength; n++)
            {
                re[n] = frame[n] * s_window[n];
            }

            im.Clear();
            Fft.Forward(re, im);
            re.Slice(lowBin, bins).CopyTo(spectrogram.Real.AsSpan(t * bins, bins));
            im.Slice(lowBin, bins).CopyTo(spectrogram.Imag.AsSpan(t * bins, bins));
        }

        return spectrogram;
    }

    /// <summary>
    /// The spectrum whose inverse FFT is frame a in its real part and frame b in its imaginary part, where frame a's band
    /// cells are <c>levelA · sign(bit) · chip</c> from <paramref name="a"/> (and b's likewise): X[k] = A[k] + i·B[k] and
    /// X[N−k] = conj(A[k]) + i·conj(B[k]) for the band's bins, zero elsewhere. Two real frames for one complex transform.
    /// </summary>
    public static void PairSpectrum(
        PatternRows.Row a, double levelA, PatternRows.Row b, double levelB, ReadOnlySpan<double> signs, int lowBin, int bins, Span<double> re, Span<double> im)
    {
        re.Clear();
        im.Clear();
        for (int j = 0; j < bins; j++)
        {
            double amplitudeA = levelA * signs[a.Bits[j]];
            double amplitudeB = levelB * signs[b.Bits[j]];
            double ar = amplitudeA * a.Cos[j], ai = amplitudeA * a.Sin[j];
            double br = amplitudeB * b.Cos[j], bi = amplitudeB * b.Sin[j];
            int k = lowBin + j;
            re[k] = ar - bi;
            im[k] = ai + br;
            re[FrameLength - k] = ar + bi;
            im[FrameLength - k] = br - ai;
        }
    }

    private static double[] BuildWindow()
    {
        var window = new double[FrameLength];
        for (int n = 0; n < FrameLength; n++)
        {
            window[n] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / FrameLength);
        }

        return window;
    }
}

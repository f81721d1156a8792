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
    /// The adjoint of <see cref="Analyse"/>: each frame's band spectrum (<paramref name="real"/>,
    /// <paramref name="imag"/>, laid out as <see cref="Real"/>) made real by Hermitian symmetry, inverse
    /// transformed, Hann windowed and overlap-added into <paramref name="output"/>. Unnormalised: the caller scales.
    /// </summary>
    public static void Synthesise(
        ReadOnlySpan<double> real, ReadOnlySpan<double> imag, int frames, int lowBin, int bins, Span<double> output, CancellationToken cancellationToken)
    {
        Span<double> re = stackalloc double[FrameLength];
        Span<double> im = stackalloc double[FrameLength];
        for (int t = 0; t < frames; t++)
        {
            if (t % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            re.Clear();
            im.Clear();
            for (int j = 0; j < bins; j++)
            {
                int k = lowBin + j;
                re[k] = real[t * bins + j];
                im[k] = imag[t * bins + j];
                re[FrameLength - k] = re[k];
                im[FrameLength - k] = -im[k];
            }

            Fft.Inverse(re, im);
            Span<double> target = output.Slice(t * Hop, FrameLength);
            for (int n = 0; n < FrameLength; n++)
            {
                target[n] += re[n] * s_window[n];
            }
        }
    }

    /// <summary>
    /// The watermark for frames 0 … <paramref name="levels"/>.Length − 1 of a segment whose first frame is frame
    /// <paramref name="firstFrame"/> of the whole output: frame t's band cells are <c>levels[t] · sign(bit) · chip</c>
    /// (<paramref name="rows"/>, <paramref name="signs"/>), and the frames are synthesised as <see cref="Synthesise"/>
    /// does, two per complex inverse FFT (one as the real part, the next as the imaginary part), skipping frames with
    /// no level. Overlap-added into <paramref name="output"/>, unnormalised.
    /// </summary>
    public static void SynthesiseMark(
        ReadOnlySpan<double> levels, PatternRows rows, ReadOnlySpan<double> signs, int firstFrame, int lowBin, int bins, Span<double> output, CancellationToken cancellationToken)
    {
        Span<double> re = stackalloc double[FrameLength];
        Span<double> im = stackalloc double[FrameLength];
        int frames = levels.Length;
        for (int t = 0; t < frames; t += 2)
        {
            if (t % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double levelA = levels[t];
            double levelB = t + 1 < frames ? levels[t + 1] : 0;
            if (levelA == 0 && levelB == 0)
            {
                continue;
            }

            // Frame a's Hermitian spectrum A plus i times frame b's B: X[k] = A[k] + i·B[k], X[N−k] = conj(A[k]) + i·conj(B[k]).
            // The inverse transform of X is then a + i·b, both real.
            re.Clear();
            im.Clear();
            PatternRows.Row? cellsA = levelA != 0 ? rows.Get(firstFrame + t) : null;
            PatternRows.Row? cellsB = levelB != 0 ? rows.Get(firstFrame + t + 1) : null;
            for (int j = 0; j < bins; j++)
            {
                double ar = 0, ai = 0, br = 0, bi = 0;
                if (cellsA is not null)
                {
                    double amplitude = levelA * signs[cellsA.Bits[j]];
                    ar = amplitude * cellsA.Cos[j];
                    ai = amplitude * cellsA.Sin[j];
                }

                if (cellsB is not null)
                {
                    double amplitude = levelB * signs[cellsB.Bits[j]];
                    br = amplitude * cellsB.Cos[j];
                    bi = amplitude * cellsB.Sin[j];
                }

                int k = lowBin + j;
                re[k] = ar - bi;
                im[k] = ai + br;
                re[FrameLength - k] = ar + bi;
                im[FrameLength - k] = br - ai;
            }

            Fft.Inverse(re, im);
            Span<double> first = output.Slice(t * Hop, FrameLength);
            for (int n = 0; n < FrameLength; n++)
            {
                first[n] += re[n] * s_window[n];
            }

            if (t + 1 < frames)
            {
                Span<double> second = output.Slice((t + 1) * Hop, FrameLength);
                for (int n = 0; n < FrameLength; n++)
                {
                    second[n] += im[n] * s_window[n];
                }
            }
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

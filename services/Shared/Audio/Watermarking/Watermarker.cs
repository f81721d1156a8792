using System.Buffers;
using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// An inaudible spread-spectrum watermark carrying a 32-bit payload (docs/watermark.md). <see cref="Embed"/> adds a
/// keyed noise-like pattern, shaped in time by the host's level, at a watermark-to-signal ratio of
/// <see cref="WatermarkOptions.TargetWsrDb"/>; <see cref="Detect"/> finds it blind (without the original), after
/// resampling, requantisation, gain changes and added noise.
/// </summary>
/// <remarks>
/// Both sides work at 16 kHz: the host is resampled to 16 kHz for analysis, the mark is built there and resampled to the
/// output rate, and the detector resamples what it gets to 16 kHz. The mark is aligned to the first sample of the clip:
/// a copy that lost its beginning is not detected. Thread-safe; an instance only holds its options and key schedule.
/// </remarks>
public sealed class Watermarker
{
    /// <summary>The rate both sides analyse at, in Hz.</summary>
    public const int AnalysisSampleRate = BandSpectrogram.SampleRate;

    /// <summary>The lowest sample rate accepted, in Hz (the mark's band reaches 7.5 kHz).</summary>
    public const int MinSampleRate = 16_000;

    /// <summary>The highest sample rate accepted, in Hz.</summary>
    public const int MaxSampleRate = 384_000;

    /// <summary>
    /// The posterior probability the decoded payload must reach to be reported (<see cref="WatermarkDetection.PayloadProbability"/>).
    /// </summary>
    public const double MinPayloadProbability = 0.999;

    // The local noise estimate for the whitening: the mean power over ±2 frames and ±1 bin around each cell.
    private const int NoiseFrames = 2;
    private const int NoiseBins = 1;

    // The embedder's resampling: the host is only measured (its level per frame) and the mark is noise 38 dB below it,
    // so a short filter does; it cuts the embedder's cost by more than half. The detector keeps the default filter.
    private static readonly ResamplerOptions EmbedResampling = new() { ZeroCrossings = 8 };

    // Cells and frames with less power than this (about −300 dB) carry nothing: digital silence.
    private const double PowerFloor = 1e-30;

    private readonly WatermarkPattern _pattern;
    private readonly PatternRows _rows;
    private readonly int _lowBin;
    private readonly int _bins;

    /// <summary>A watermarker with <paramref name="options"/> (null: <see cref="WatermarkOptions.Default"/>).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public Watermarker(WatermarkOptions? options = null)
    {
        Options = options ?? WatermarkOptions.Default;
        Options.Validate();
        _lowBin = (int)Math.Ceiling(Options.BandLowHz / BandSpectrogram.BinHz);
        _bins = (int)Math.Floor(Options.BandHighHz / BandSpectrogram.BinHz) - _lowBin + 1;
        _pattern = new WatermarkPattern(Options.Key, WatermarkCode.Length);
        _rows = new PatternRows(_pattern, _lowBin, _bins);
    }

    /// <summary>
    /// The shortest clip that can carry the mark: 0.5 s. <see cref="Embed"/> refuses shorter clips and <see cref="Detect"/>
    /// reports nothing for them. Detection of speech under all the attacks of issue 6 at once is reliable from there (docs/watermark.md).
    /// </summary>
    public static TimeSpan MinimumDuration { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The options in use.</summary>
    public WatermarkOptions Options { get; }

    /// <summary>The fewest samples at <paramref name="sampleRate"/> that make <see cref="MinimumDuration"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is not between <see cref="MinSampleRate"/> and <see cref="MaxSampleRate"/>.</exception>
    public static int MinimumSamples(int sampleRate)
    {
        CheckRate(sampleRate);
        return (int)Math.Ceiling(MinimumDuration.TotalSeconds * sampleRate);
    }

    /// <summary>Returns <paramref name="audio"/> with a mark carrying <paramref name="payload"/> added.</summary>
    /// <param name="audio">Mono samples, nominally in [-1, 1]; not changed.</param>
    /// <param name="sampleRate">Its rate, <see cref="MinSampleRate"/> … <see cref="MaxSampleRate"/> Hz.</param>
    /// <param name="payload">The 32 bits to carry (see <see cref="WatermarkPayload"/>).</param>
    /// <param name="cancellationToken">Stops the work between frames.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range.</exception>
    /// <exception cref="ArgumentException">
    /// The audio is empty, holds NaN or infinite samples, is shorter than <see cref="MinimumDuration"/>, or is silent
    /// (in the band) so that there is nothing to hide a mark in.
    /// </exception>
    public WatermarkEmbedding Embed(ReadOnlySpan<float> audio, int sampleRate, uint payload, CancellationToken cancellationToken = default)
    {
        CheckAudio(audio, sampleRate);
        if (audio.Length < MinimumSamples(sampleRate))
        {
            throw new ArgumentException(
                $"The audio is {1000.0 * audio.Length / sampleRate:0.#} ms ({audio.Length} samples); the watermark needs at least " +
                $"{MinimumDuration.TotalMilliseconds:0} ms ({MinimumSamples(sampleRate)} samples at {sampleRate} Hz).",
                nameof(audio));
        }

        using PreparedWatermark prepared = Prepare(payload, sampleRate);
        return EmbedCore(audio, sampleRate, prepared, 0, 0, cancellationToken)
            ?? throw new ArgumentException(
                Energy(audio) > 0
                    ? $"The audio has no energy between {Options.BandLowHz} and {Options.BandHighHz} Hz: there is nothing to carry a watermark."
                    : "The audio is silent: there is nothing to carry a watermark.",
                nameof(audio));
    }

    /// <summary>
    /// The number of samples at <paramref name="sampleRate"/> between the possible starts of a segment for
    /// <see cref="EmbedSegment(ReadOnlySpan{float}, int, uint, long, CancellationToken)"/>: the shortest step that is a whole number of analysis hops (16 ms at 16 kHz). 256 at
    /// 16 kHz, 384 at 24 kHz, 1764 (80 ms) at 22.05 kHz.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range.</exception>
    public static int SegmentGrid(int sampleRate)
    {
        CheckRate(sampleRate);

        // n samples at r Hz are n·16000/r analysis samples; they must be k·256, so n = 2·k·r/125 with the smallest such k.
        int k = 125 / (int)System.Numerics.BigInteger.GreatestCommonDivisor(125, sampleRate);
        return 2 * k * sampleRate / 125;
    }

    /// <summary>
    /// Marks one segment of a longer output that is produced piece by piece (for example sentence by sentence while
    /// streaming), so that the whole output, once the pieces are put together, carries the same mark as if
    /// <see cref="Embed"/> had marked it whole and <see cref="Detect"/> finds it from the first sample.
    /// </summary>
    /// <param name="audio">The segment's samples; not changed.</param>
    /// <param name="sampleRate">Its rate, <see cref="MinSampleRate"/> … <see cref="MaxSampleRate"/> Hz.</param>
    /// <param name="payload">The 32 bits the whole output carries.</param>
    /// <param name="startSample">Where the segment starts in the whole output, in samples: a multiple of <see cref="SegmentGrid"/>.</param>
    /// <param name="cancellationToken">Stops the work between frames.</param>
    /// <returns>
    /// The marked segment at the target watermark-to-signal ratio; a segment too short for one analysis frame, silent, or
    /// without energy in the band comes back unchanged, with <see cref="WatermarkEmbedding.WsrDb"/> = −∞ (pauses carry nothing).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range, or <paramref name="startSample"/> is negative or off the grid.</exception>
    /// <exception cref="ArgumentException">The audio is empty or holds NaN or infinite samples.</exception>
    public WatermarkEmbedding EmbedSegment(ReadOnlySpan<float> audio, int sampleRate, uint payload, long startSample, CancellationToken cancellationToken = default)
    {
        CheckRate(sampleRate);
        using PreparedWatermark prepared = Prepare(payload, sampleRate);
        return EmbedSegment(audio, sampleRate, prepared, startSample, cancellationToken);
    }

    /// <summary>
    /// The payload's part of the mark, to be worked out ahead (<see cref="PreparedWatermark.Precompute"/>, for example
    /// while the model runs) and used by <see cref="EmbedSegment(ReadOnlySpan{float}, int, PreparedWatermark, long, CancellationToken)"/>
    /// for every segment of one output at <paramref name="sampleRate"/>. The caller disposes it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range.</exception>
    public PreparedWatermark Prepare(uint payload, int sampleRate)
    {
        CheckRate(sampleRate);
        return new PreparedWatermark(_rows, _lowBin, _bins, payload, sampleRate, EmbedResampling);
    }

    /// <summary>
    /// <see cref="EmbedSegment(ReadOnlySpan{float}, int, uint, long, CancellationToken)"/> with the payload's mark
    /// prepared ahead. Segments marked in order release the frames they used.
    /// </summary>
    /// <param name="audio">The segment's samples; not changed.</param>
    /// <param name="sampleRate">Its rate, <see cref="MinSampleRate"/> … <see cref="MaxSampleRate"/> Hz.</param>
    /// <param name="prepared">The output's mark from <see cref="Prepare"/> of this watermarker.</param>
    /// <param name="startSample">Where the segment starts in the whole output, in samples: a multiple of <see cref="SegmentGrid"/>.</param>
    /// <param name="cancellationToken">Stops the work between frames.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range, or <paramref name="startSample"/> is negative or off the grid.</exception>
    /// <exception cref="ArgumentException">The audio is empty or holds NaN or infinite samples.</exception>
    /// <exception cref="ArgumentException"><paramref name="prepared"/> was prepared for another rate.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="prepared"/> was disposed.</exception>
    public WatermarkEmbedding EmbedSegment(ReadOnlySpan<float> audio, int sampleRate, PreparedWatermark prepared, long startSample, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        CheckAudio(audio, sampleRate);
        if (prepared.SampleRate != sampleRate)
        {
            throw new ArgumentException($"The mark was prepared for {prepared.SampleRate} Hz; the audio is at {sampleRate} Hz.", nameof(prepared));
        }

        int grid = SegmentGrid(sampleRate);
        if (startSample < 0 || startSample % grid != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startSample), startSample, $"A segment must start at a multiple of {grid} samples at {sampleRate} Hz.");
        }

        long firstFrame = startSample * AnalysisSampleRate / sampleRate / BandSpectrogram.Hop;
        if (firstFrame > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(startSample), startSample, "The segment starts too far into the output.");
        }

        return EmbedCore(audio, sampleRate, prepared, (int)firstFrame, startSample, cancellationToken)
            ?? new WatermarkEmbedding(audio.ToArray(), sampleRate, prepared.Payload, double.NegativeInfinity);
    }

    // Null when the audio has nothing to carry a mark: silent, shorter than one analysis frame, or without energy in the band.
    private WatermarkEmbedding? EmbedCore(ReadOnlySpan<float> audio, int sampleRate, PreparedWatermark prepared, int firstFrame, long startSample, CancellationToken cancellationToken)
    {
        double hostEnergy = Energy(audio);
        if (!(hostEnergy > 0))
        {
            return null;
        }

        // The mark's spectrum in every frame: each cell gets the host's level in the band, its chip's phase and its bit's
        // sign. Quiet frames carry a quiet mark; silent ones none.
        int analysisLength = SincResampler.OutputLength(audio.Length, sampleRate, AnalysisSampleRate);
        int frames = BandSpectrogram.FrameCount(analysisLength);
        double[] levels = BandLevels.Measure(audio, sampleRate, Options.BandLowHz, Options.BandHighHz, frames, cancellationToken);

        // Scratch from the pool: a few hundred kilobytes per sentence would otherwise land on the large-object heap and
        // bring on a full collection every few requests.
        double[] pooled = ArrayPool<double>.Shared.Rent(audio.Length);
        try
        {
            Span<double> mark = pooled.AsSpan(0, audio.Length);
            mark.Clear();
            prepared.OverlapAdd(levels, firstFrame, startSample, mark, cancellationToken);
            prepared.Release(firstFrame + (long)frames);
            double markEnergy = Energy(mark);
            if (!(markEnergy > 0))
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            double scale = Math.Sqrt(Math.Pow(10, Options.TargetWsrDb / 10) * hostEnergy / markEnergy);
            var output = new float[audio.Length];
            double added = AddScaled(audio, mark, scale, output);
            return new WatermarkEmbedding(output, sampleRate, prepared.Payload, 10 * Math.Log10(added / hostEnergy));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(pooled);
        }
    }

    /// <summary>Looks for a mark made with this key and band in <paramref name="audio"/>.</summary>
    /// <param name="audio">Mono samples, starting where the marked output started.</param>
    /// <param name="sampleRate">Its rate, <see cref="MinSampleRate"/> … <see cref="MaxSampleRate"/> Hz.</param>
    /// <param name="cancellationToken">Stops the work between frames.</param>
    /// <returns>The finding; for audio shorter than <see cref="MinimumDuration"/>, not detected with confidence 0 and no bit scores.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The audio is empty or holds NaN or infinite samples.</exception>
    public WatermarkDetection Detect(ReadOnlySpan<float> audio, int sampleRate, CancellationToken cancellationToken = default)
    {
        CheckAudio(audio, sampleRate);
        if (audio.Length < MinimumSamples(sampleRate))
        {
            return WatermarkDetection.TooShort;
        }

        float[] signal = ToAnalysisRate(audio, sampleRate, ResamplerOptions.Default);
        BandSpectrogram spectrum = BandSpectrogram.Analyse(signal, _lowBin, _bins, cancellationToken);
        int frames = spectrum.Frames;
        double[] re = spectrum.Real, im = spectrum.Imag;
        var power = new double[re.Length];
        for (int i = 0; i < power.Length; i++)
        {
            power[i] = re[i] * re[i] + im[i] * im[i];
        }

        double[] noise = LocalMean(power, frames, _bins);
        cancellationToken.ThrowIfCancellationRequested();

        // Per bit: T = Σ u·Re(X·e^(−iθ)) and V = Σ u²·|X|²/2 over its cells, with u = (frame RMS in the band) / (local
        // power). Without a mark the chip phases are uniform and independent of the audio, so T has mean 0 and variance V
        // exactly, whatever the audio: z = T/√V is standard normal by construction.
        Span<double> sums = stackalloc double[WatermarkCode.Length];
        Span<double> variances = stackalloc double[WatermarkCode.Length];
        sums.Clear();
        variances.Clear();
        for (int t = 0; t < frames; t++)
        {
            int row = t * _bins;
            double framePower = 0;
            for (int j = 0; j < _bins; j++)
            {
                framePower += power[row + j];
            }

            if (!(framePower > PowerFloor))
            {
                continue;
            }

            double level = Math.Sqrt(framePower / _bins);
            PatternRows.Row cells = _rows.Get(t);
            for (int j = 0; j < _bins; j++)
            {
                int i = row + j;
                if (!(power[i] > PowerFloor))
                {
                    continue;
                }

                double weight = level / noise[i];
                int bit = cells.Bits[j];
                sums[bit] += weight * (re[i] * cells.Cos[j] + im[i] * cells.Sin[j]);
                variances[bit] += weight * weight * power[i] / 2;
            }
        }

        var z = new double[WatermarkCode.Length];
        double chiSquare = 0;
        for (int b = 0; b < z.Length; b++)
        {
            z[b] = variances[b] > 0 ? sums[b] / Math.Sqrt(variances[b]) : 0;
            chiSquare += z[b] * z[b];
        }

        double presence = WilsonHilferty(chiSquare, z.Length);
        if (!WatermarkCode.TryDecode(z, out uint payload, out double payloadProbability))
        {
            payloadProbability = 0;
        }

        bool detected = presence >= Options.DetectionThreshold && payloadProbability >= MinPayloadProbability;
        double confidence = NormalTail.Cdf(presence - Options.DetectionThreshold) * payloadProbability;
        return new WatermarkDetection(
            detected, detected ? payload : null, confidence, presence, NormalTail.Upper(presence), payloadProbability, z);
    }

    // A χ² value with n degrees of freedom as a standard normal deviate: ((q/n)^(1/3) − (1 − 2/9n)) / √(2/9n).
    private static double WilsonHilferty(double chiSquare, int n)
    {
        double v = 2.0 / (9 * n);
        return (Math.Cbrt(chiSquare / n) - (1 - v)) / Math.Sqrt(v);
    }

    // The mean of the power over the cell's neighbourhood (±NoiseFrames, ±NoiseBins, clipped at the edges).
    private static double[] LocalMean(double[] power, int frames, int bins)
    {
        var acrossBins = new double[power.Length];
        for (int t = 0; t < frames; t++)
        {
            int row = t * bins;
            for (int j = 0; j < bins; j++)
            {
                int from = Math.Max(0, j - NoiseBins), to = Math.Min(bins - 1, j + NoiseBins);
                double sum = 0;
                for (int k = from; k <= to; k++)
                {
                    sum += power[row + k];
                }

                acrossBins[row + j] = sum / (to - from + 1);
            }
        }

        var mean = new double[power.Length];
        for (int t = 0; t < frames; t++)
        {
            int from = Math.Max(0, t - NoiseFrames), to = Math.Min(frames - 1, t + NoiseFrames);
            for (int j = 0; j < bins; j++)
            {
                double sum = 0;
                for (int s = from; s <= to; s++)
                {
                    sum += acrossBins[s * bins + j];
                }

                mean[t * bins + j] = sum / (to - from + 1);
            }
        }

        return mean;
    }

    private static void CheckRate(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, MinSampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
    }

    private static void CheckAudio(ReadOnlySpan<float> audio, int sampleRate)
    {
        CheckRate(sampleRate);
        if (audio.IsEmpty)
        {
            throw new ArgumentException("The audio is empty.", nameof(audio));
        }

        for (int i = 0; i < audio.Length; i++)
        {
            if (!float.IsFinite(audio[i]))
            {
                throw new ArgumentException($"Sample {i} is {audio[i]}; the audio must hold finite samples only.", nameof(audio));
            }
        }
    }

    private static double Energy(ReadOnlySpan<float> samples)
    {
        // Four running sums, so the additions do not wait on each other.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= samples.Length; i += 4)
        {
            s0 += (double)samples[i] * samples[i];
            s1 += (double)samples[i + 1] * samples[i + 1];
            s2 += (double)samples[i + 2] * samples[i + 2];
            s3 += (double)samples[i + 3] * samples[i + 3];
        }

        for (; i < samples.Length; i++)
        {
            s0 += (double)samples[i] * samples[i];
        }

        return s0 + s1 + s2 + s3;
    }

    private static double Energy(ReadOnlySpan<double> samples)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= samples.Length; i += 4)
        {
            s0 += samples[i] * samples[i];
            s1 += samples[i + 1] * samples[i + 1];
            s2 += samples[i + 2] * samples[i + 2];
            s3 += samples[i + 3] * samples[i + 3];
        }

        for (; i < samples.Length; i++)
        {
            s0 += samples[i] * samples[i];
        }

        return s0 + s1 + s2 + s3;
    }

    // output = audio + scale · mark, rounded to float; returns the energy actually added (after the rounding).
    private static double AddScaled(ReadOnlySpan<float> audio, ReadOnlySpan<double> mark, double scale, Span<float> output)
    {
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 2 <= output.Length; i += 2)
        {
            output[i] = (float)(audio[i] + scale * mark[i]);
            output[i + 1] = (float)(audio[i + 1] + scale * mark[i + 1]);
            double d0 = (double)output[i] - audio[i];
            double d1 = (double)output[i + 1] - audio[i + 1];
            s0 += d0 * d0;
            s1 += d1 * d1;
        }

        for (; i < output.Length; i++)
        {
            output[i] = (float)(audio[i] + scale * mark[i]);
            double d = (double)output[i] - audio[i];
            s0 += d * d;
        }

        return s0 + s1;
    }

    private static float[] ToAnalysisRate(ReadOnlySpan<float> audio, int sampleRate, ResamplerOptions quality) =>
        sampleRate == AnalysisSampleRate ? audio.ToArray() : SincResampler.Resample(audio, sampleRate, AnalysisSampleRate, quality);
}

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// The host's level in the watermark band frame by frame, measured at the host's own rate: a band-pass filter (a
/// second-order Butterworth high-pass at the band's lower edge, and a low-pass at its upper edge when the rate is high
/// enough to need one), then the filtered power in eighths of each analysis frame, weighted by the analysis window.
/// </summary>
/// <remarks>
/// This is what the embedder shapes the mark with. It stands in for the band RMS of each frame's spectrum, which would
/// need the host resampled to 16 kHz and one FFT per frame: a few times the cost for the same envelope. Only the levels'
/// ratios matter, since the mark is scaled to its WSR over the whole clip afterwards.
/// </remarks>
internal static class BandLevels
{
    // An eighth of a frame: 64 analysis samples (4 ms); a frame is 8 blocks, and frames start every 4.
    private const int BlockSamples = BandSpectrogram.FrameLength / BlocksPerFrame;
    private const int BlocksPerFrame = 8;
    private const int BlocksPerHop = BandSpectrogram.Hop / BlockSamples;

    // Blocks filtered between two looks at the cancellation token.
    private const int CancellationStride = 256;

    // The mean of the squared Hann window over each eighth of the frame: what a block's power counts for in the frame's.
    private static readonly double[] s_blockWeights = BuildBlockWeights();

    /// <summary>
    /// The band level of <paramref name="frames"/> analysis frames of <paramref name="audio"/> (frame t covers
    /// 16 kHz samples 256t … 256t + 511): the square root of the window-weighted mean power of the band-passed host.
    /// </summary>
    public static double[] Measure(ReadOnlySpan<float> audio, int sampleRate, double lowHz, double highHz, int frames, CancellationToken cancellationToken)
    {
        var levels = new double[frames];
        if (frames == 0)
        {
            return levels;
        }

        int blocks = (frames - 1) * BlocksPerHop + BlocksPerFrame;
        double[] power = System.Buffers.ArrayPool<double>.Shared.Rent(blocks);
        try
        {
            var highPass = Biquad.HighPass(lowHz, sampleRate);
            var lowPass = highHz < 0.45 * sampleRate ? Biquad.LowPass(highHz, sampleRate) : Biquad.Identity;
            int start = 0;
            for (int b = 0; b < blocks; b++)
            {
                if (b % CancellationStride == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Block b covers analysis samples 64b … 64b + 63, output samples from round(64b·r/16000).
                int end = (int)Math.Min(audio.Length, ((long)(b + 1) * BlockSamples * sampleRate + BandSpectrogram.SampleRate / 2) / BandSpectrogram.SampleRate);
                double sum = 0;
                for (int i = start; i < end; i++)
                {
                    double y = lowPass.Next(highPass.Next(audio[i]));
                    sum += y * y;
                }

                power[b] = end > start ? sum / (end - start) : 0;
                start = end;
            }

            for (int t = 0; t < frames; t++)
            {
                double weighted = 0;
                for (int q = 0; q < BlocksPerFrame; q++)
                {
                    weighted += s_blockWeights[q] * power[t * BlocksPerHop + q];
                }

                levels[t] = Math.Sqrt(weighted);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(power);
        }

        return levels;
    }

    private static double[] BuildBlockWeights()
    {
        var weights = new double[BlocksPerFrame];
        ReadOnlySpan<double> window = BandSpectrogram.Window;
        for (int n = 0; n < window.Length; n++)
        {
            weights[n / BlockSamples] += window[n] * window[n] / BlockSamples;
        }

        return weights;
    }

    /// <summary>A second-order IIR section in transposed direct form II (coefficients after the RBJ audio EQ cookbook).</summary>
    private struct Biquad(double b0, double b1, double b2, double a1, double a2)
    {
        private double _z1;
        private double _z2;

        public static Biquad Identity => new(1, 0, 0, 0, 0);

        public static Biquad HighPass(double cornerHz, int sampleRate)
        {
            (double cos, double alpha) = Prewarp(cornerHz, sampleRate);
            double a0 = 1 + alpha;
            return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
        }

        public static Biquad LowPass(double cornerHz, int sampleRate)
        {
            (double cos, double alpha) = Prewarp(cornerHz, sampleRate);
            double a0 = 1 + alpha;
            return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
        }

        public double Next(double x)
        {
            double y = b0 * x + _z1;
            _z1 = b1 * x - a1 * y + _z2;
            _z2 = b2 * x - a2 * y;
            return y;
        }

        // Butterworth: Q = 1/√2, so alpha = sin ω / (2Q) = sin ω / √2.
        private static (double Cos, double Alpha) Prewarp(double cornerHz, int sampleRate)
        {
            double omega = 2 * Math.PI * cornerHz / sampleRate;
            return (Math.Cos(omega), Math.Sin(omega) / Math.Sqrt(2));
        }
    }
}

namespace VoiceFleet.Audio.Analysis;

/// <summary>
/// Integrated loudness of a mono clip in LUFS, as ITU-R BS.1770-4 defines it: K-weighting (a high shelf around
/// 1.7 kHz and a high-pass around 38 Hz, designed for the clip's own rate by the bilinear transform), mean square
/// over 400 ms blocks with 75 % overlap, an absolute gate at −70 LUFS and a relative gate 10 LU below the mean of
/// the blocks that pass it.
/// </summary>
public static class Loudness
{
    /// <summary>What a silent clip (or one whose every block is below the absolute gate) measures: the gate itself.</summary>
    public const double Floor = -70;

    private const double BlockSeconds = 0.4;
    private const double RelativeGateLu = 10;

    /// <summary>The integrated loudness of <paramref name="samples"/> in LUFS, at least <see cref="Floor"/>.</summary>
    /// <param name="samples">Mono samples, full scale ±1; non-finite samples count as 0.</param>
    /// <param name="sampleRate">Their rate in Hz (at least 8 kHz).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is below 8000 Hz.</exception>
    public static double Integrated(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        if (samples.IsEmpty)
        {
            return Floor;
        }

        var weighted = KWeight(samples, sampleRate);
        int block = Math.Max(1, (int)(BlockSeconds * sampleRate));
        int step = Math.Max(1, block / 4);
        var powers = new List<double>();
        if (weighted.Length <= block)
        {
            powers.Add(MeanSquare(weighted));
        }
        else
        {
            for (int start = 0; start + block <= weighted.Length; start += step)
            {
                powers.Add(MeanSquare(weighted.AsSpan(start, block)));
            }
        }

        double absoluteGate = PowerOf(Floor);
        var passing = powers.Where(p => p > absoluteGate).ToList();
        if (passing.Count == 0)
        {
            return Floor;
        }

        double relativeGate = passing.Average() * Math.Pow(10, -RelativeGateLu / 10);
        var gated = passing.Where(p => p > relativeGate).ToList();
        double mean = gated.Count == 0 ? passing.Average() : gated.Average();
        return Math.Max(Floor, LufsOf(mean));
    }

    private static double LufsOf(double meanSquare) => -0.691 + 10 * Math.Log10(meanSquare);

    private static double PowerOf(double lufs) => Math.Pow(10, (lufs + 0.691) / 10);

    private static double MeanSquare(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return sum / x.Length;
    }

    private static double[] KWeight(ReadOnlySpan<float> samples, int sampleRate)
    {
        // Stage 1: high shelf, +4 dB above ~1.7 kHz (the head's acoustic effect). Stage 2: high-pass at ~38 Hz.
        var shelf = Biquad.HighShelf(sampleRate, 1681.974450955533, 0.7071752369554196, 3.999843853973347);
        var highPass = Biquad.HighPass(sampleRate, 38.13547087602444, 0.5003270373238773);
        var output = new double[samples.Length];
        double s1 = 0, s2 = 0, h1 = 0, h2 = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double x = double.IsFinite(samples[i]) ? samples[i] : 0;

            // Transposed direct form II, one biquad after the other.
            double y = shelf.B0 * x + s1;
            s1 = shelf.B1 * x - shelf.A1 * y + s2;
            s2 = shelf.B2 * x - shelf.A2 * y;
            double z = highPass.B0 * y + h1;
            h1 = highPass.B1 * y - highPass.A1 * z + h2;
            h2 = highPass.B2 * y - highPass.A2 * z;
            output[i] = z;
        }

        return output;
    }

    private readonly record struct Biquad(double B0, double B1, double B2, double A1, double A2)
    {
        public static Biquad HighShelf(int sampleRate, double f0, double q, double gainDb)
        {
            double k = Math.Tan(Math.PI * f0 / sampleRate);
            double vh = Math.Pow(10, gainDb / 20);
            double vb = Math.Pow(vh, 0.4996667741545416);
            double a0 = 1 + k / q + k * k;
            return new Biquad(
                (vh + vb * k / q + k * k) / a0,
                2 * (k * k - vh) / a0,
                (vh - vb * k / q + k * k) / a0,
                2 * (k * k - 1) / a0,
                (1 - k / q + k * k) / a0);
        }

        public static Biquad HighPass(int sampleRate, double f0, double q)
        {
            double k = Math.Tan(Math.PI * f0 / sampleRate);
            double a0 = 1 + k / q + k * k;
            // BS.1770 leaves this stage's numerator un-normalised (1, −2, 1).
            return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        }
    }
}

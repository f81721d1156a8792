namespace VoiceFleet.Audio.Tests;

/// <summary>Analytic test signals.</summary>
internal static class TestSignals
{
    /// <summary>amplitude · sin(2π f t + phase) for <paramref name="count"/> samples.</summary>
    public static float[] Sine(double frequency, int sampleRate, int count, double amplitude = 0.5, double phase = 0)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate + phase));
        }

        return x;
    }

    /// <summary>Harmonics 1 … <paramref name="harmonics"/> of <paramref name="f0"/> with amplitudes 1/k, scaled to a peak near <paramref name="amplitude"/>.</summary>
    public static float[] Harmonic(double f0, int harmonics, int sampleRate, int count, double amplitude = 0.5)
    {
        var x = new double[count];
        for (int k = 1; k <= harmonics; k++)
        {
            for (int i = 0; i < count; i++)
            {
                x[i] += Math.Sin(2 * Math.PI * k * f0 * i / sampleRate + 0.3 * k) / k;
            }
        }

        double peak = x.Max(Math.Abs);
        return x.Select(v => (float)(amplitude * v / peak)).ToArray();
    }

    /// <summary>A sine whose frequency follows <paramref name="frequencyAt"/> (Hz as a function of seconds), phase-continuous.</summary>
    public static float[] Sweep(Func<double, double> frequencyAt, int sampleRate, int count, double amplitude = 0.5)
    {
        var x = new float[count];
        double phase = 0;
        for (int i = 0; i < count; i++)
        {
            x[i] = (float)(amplitude * Math.Sin(phase));
            phase += 2 * Math.PI * frequencyAt((double)i / sampleRate) / sampleRate;
        }

        return x;
    }

    /// <summary>Uniform white noise in [−amplitude, amplitude], seeded.</summary>
    public static float[] Noise(int count, double amplitude = 0.5, int seed = 1)
    {
        var random = new Random(seed);
        var x = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = (float)(amplitude * (2 * random.NextDouble() - 1));
        }

        return x;
    }

    /// <summary>The frequency of a sine from its upward zero crossings (linearly interpolated) in samples [from, to).</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<float> x, int sampleRate, int from, int to)
    {
        double first = double.NaN, last = double.NaN;
        int crossings = 0;
        for (int i = Math.Max(from, 1); i < to; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                double t = i - 1 + x[i - 1] / (double)(x[i - 1] - x[i]);
                if (crossings == 0)
                {
                    first = t;
                }

                last = t;
                crossings++;
            }
        }

        return (crossings - 1) / (last - first) * sampleRate;
    }

    /// <summary>The RMS of samples [from, to).</summary>
    public static double Rms(ReadOnlySpan<float> x, int from, int to)
    {
        double sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += (double)x[i] * x[i];
        }

        return Math.Sqrt(sum / (to - from));
    }
}

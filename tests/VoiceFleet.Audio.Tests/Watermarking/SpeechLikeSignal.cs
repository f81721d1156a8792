namespace VoiceFleet.Audio.Tests.Watermarking;

/// <summary>
/// Seeded speech-like test hosts in the manner of the forged voices: syllables of a harmonic source (1/k^1.1
/// roll-off, up to 40 harmonics) with a moving F0, shaped by three moving formant resonances, with breath noise
/// under the voicing, fricative noise bursts, and pauses between words.
/// </summary>
internal static class SpeechLikeSignal
{
    private const int MaxHarmonics = 40;

    // Envelope, formants and F0 are updated every this many samples (about 2 ms at 22.05 kHz).
    private const int ControlBlock = 48;

    /// <summary>A voice of <paramref name="seconds"/> seconds at <paramref name="sampleRate"/>, RMS about −20 dBFS.</summary>
    /// <param name="breathDb">Level of the breath noise under the voicing, relative to the voiced level.</param>
    public static float[] Voice(int sampleRate, double seconds, int seed, double breathDb = -30)
    {
        var random = new Random(seed);
        int count = (int)Math.Round(seconds * sampleRate);
        var output = new double[count];
        double baseF0 = 100 + 120 * random.NextDouble();
        double breath = Math.Pow(10, breathDb / 20);
        var phases = new double[MaxHarmonics + 1];
        var amplitudes = new double[MaxHarmonics + 1];
        var noise = new NoiseSource(random);

        int position = (int)(0.03 * sampleRate);
        int syllableInWord = 0;
        int wordLength = 2 + random.Next(3);
        while (position < count)
        {
            int length = (int)((0.12 + 0.18 * random.NextDouble()) * sampleRate);
            var vowel = Vowel.Random(random);
            var next = Vowel.Random(random);
            bool fricative = random.NextDouble() < 0.35;
            int fricativeLength = fricative ? (int)((0.05 + 0.07 * random.NextDouble()) * sampleRate) : 0;
            double loudness = 0.6 + 0.4 * random.NextDouble();

            for (int i = 0; i < fricativeLength && position + i < count; i++)
            {
                double envelope = Math.Sin(Math.PI * i / fricativeLength);
                output[position + i] += 0.05 * loudness * envelope * noise.HighBand();
            }

            position += fricativeLength;
            for (int start = 0; start < length && position + start < count; start += ControlBlock)
            {
                double u = (double)start / length;
                double seconds0 = (double)(position + start) / sampleRate;
                double f0 = baseF0 * Math.Pow(2, (2.5 * Math.Sin(2 * Math.PI * 0.7 * seconds0 + seed) - 1.5 * seconds0 / Math.Max(seconds, 1)) / 12);
                double envelope = Math.Pow(Math.Sin(Math.PI * Math.Min(1, u * 1.15)), 0.6) * loudness;
                int harmonics = Math.Min(MaxHarmonics, (int)(0.45 * sampleRate / f0));
                for (int k = 1; k <= harmonics; k++)
                {
                    amplitudes[k] = Math.Pow(k, -1.1) * Vowel.Envelope(vowel, next, u, k * f0);
                }

                int end = Math.Min(Math.Min(start + ControlBlock, length), count - position);
                for (int i = start; i < end; i++)
                {
                    double sample = 0;
                    for (int k = 1; k <= harmonics; k++)
                    {
                        phases[k] += 2 * Math.PI * k * f0 / sampleRate;
                        sample += amplitudes[k] * Math.Sin(phases[k]);
                    }

                    output[position + i] += envelope * (0.12 * sample + 0.12 * breath * noise.Breath());
                }

                for (int k = 1; k <= harmonics; k++)
                {
                    phases[k] %= 2 * Math.PI;
                }
            }

            position += length;
            if (++syllableInWord >= wordLength)
            {
                syllableInWord = 0;
                wordLength = 2 + random.Next(3);
                position += (int)((0.15 + 0.25 * random.NextDouble()) * sampleRate);
            }
        }

        return Normalise(output, -20);
    }

    /// <summary>Seeded white noise (uniform), scaled to an RMS of <paramref name="rmsDbfs"/>.</summary>
    public static float[] WhiteNoise(int count, int seed, double rmsDbfs = -20)
    {
        var random = new Random(seed);
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = 2 * random.NextDouble() - 1;
        }

        return Normalise(x, rmsDbfs);
    }

    /// <summary>
    /// Noise with a speech-like, moving spectrum and pauses: white noise through the formant resonances
    /// (whispered syllables), an example of a noise-like host.
    /// </summary>
    public static float[] Whisper(int sampleRate, double seconds, int seed)
    {
        var random = new Random(seed);
        var noise = new NoiseSource(random);
        int count = (int)Math.Round(seconds * sampleRate);
        var output = new double[count];
        var filters = new Resonator[3];
        int position = 0;
        while (position < count)
        {
            int length = (int)((0.15 + 0.2 * random.NextDouble()) * sampleRate);
            var vowel = Vowel.Random(random);
            for (int f = 0; f < 3; f++)
            {
                filters[f].Tune(vowel.Formant(f), 150, sampleRate);
            }

            for (int i = 0; i < length && position + i < count; i++)
            {
                double envelope = Math.Sin(Math.PI * i / length);
                double e = noise.White();
                double sample = filters[0].Next(e) + 0.6 * filters[1].Next(e) + 0.3 * filters[2].Next(e);
                output[position + i] = envelope * sample;
            }

            position += length + (random.NextDouble() < 0.3 ? (int)(0.2 * sampleRate) : 0);
        }

        return Normalise(output, -20);
    }

    /// <summary>Adds white Gaussian noise at <paramref name="snrDb"/> below the RMS of <paramref name="signal"/>.</summary>
    public static float[] AddNoise(ReadOnlySpan<float> signal, double snrDb, int seed)
    {
        double power = 0;
        foreach (float x in signal)
        {
            power += (double)x * x;
        }

        double sigma = Math.Sqrt(power / signal.Length / Math.Pow(10, snrDb / 10));
        var random = new Random(seed);
        var noisy = new float[signal.Length];
        for (int i = 0; i < signal.Length; i++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            noisy[i] = (float)(signal[i] + sigma * gaussian);
        }

        return noisy;
    }

    private static float[] Normalise(double[] x, double rmsDbfs)
    {
        double power = 0;
        foreach (double v in x)
        {
            power += v * v;
        }

        double scale = Math.Pow(10, rmsDbfs / 20) / Math.Sqrt(power / x.Length);
        return x.Select(v => (float)(v * scale)).ToArray();
    }

    private readonly record struct Vowel(double F1, double F2, double F3)
    {
        public static Vowel Random(Random random) =>
            new(300 + 500 * random.NextDouble(), 900 + 1400 * random.NextDouble(), 2400 + 700 * random.NextDouble());

        public double Formant(int index) => index switch { 0 => F1, 1 => F2, _ => F3 };

        /// <summary>The formant envelope at <paramref name="frequency"/>, gliding from <paramref name="from"/> to <paramref name="to"/> over the syllable.</summary>
        public static double Envelope(Vowel from, Vowel to, double u, double frequency)
        {
            double glide = Math.Max(0, u - 0.6) / 0.4;
            double envelope = 0;
            ReadOnlySpan<double> gains = [1.0, 0.6, 0.3];
            ReadOnlySpan<double> bandwidths = [90, 120, 180];
            for (int f = 0; f < 3; f++)
            {
                double centre = from.Formant(f) + glide * (to.Formant(f) - from.Formant(f));
                double c2 = centre * centre;
                envelope += gains[f] * c2 / Math.Sqrt(Math.Pow(c2 - frequency * frequency, 2) + Math.Pow(bandwidths[f] * frequency, 2));
            }

            return envelope;
        }
    }

    /// <summary>A two-pole resonator y[n] = x[n] + a1·y[n−1] + a2·y[n−2], gain-normalised at its centre.</summary>
    private struct Resonator
    {
        private double _a1, _a2, _gain, _y1, _y2;

        public void Tune(double centre, double bandwidth, int sampleRate)
        {
            double r = Math.Exp(-Math.PI * bandwidth / sampleRate);
            _a1 = 2 * r * Math.Cos(2 * Math.PI * centre / sampleRate);
            _a2 = -r * r;
            _gain = 1 - r;
        }

        public double Next(double x)
        {
            double y = _gain * x + _a1 * _y1 + _a2 * _y2;
            _y2 = _y1;
            _y1 = y;
            return y;
        }
    }

    /// <summary>Seeded noise: white, breath (gently high-passed) and fricative (strongly high-passed).</summary>
    private sealed class NoiseSource(Random random)
    {
        private double _previous;
        private double _previousHigh;

        public double White() => 2 * random.NextDouble() - 1;

        public double Breath()
        {
            double x = White();
            double y = x - 0.7 * _previous;
            _previous = x;
            return y;
        }

        public double HighBand()
        {
            double x = White();
            double y = x - 0.95 * _previousHigh;
            _previousHigh = x;
            return y;
        }
    }
}

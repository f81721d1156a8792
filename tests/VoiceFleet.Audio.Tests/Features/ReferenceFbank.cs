using VoiceFleet.Audio.Features;

namespace VoiceFleet.Audio.Tests.Features;

/// <summary>
/// A slow, literal transcription of the Kaldi fbank recipe (direct DFT, dense filter matrix, no reuse of
/// anything in the library) that the fast implementation is checked against.
/// </summary>
internal static class ReferenceFbank
{
    public static double[,] Compute(float[] samples, FbankOptions o)
    {
        int windowSize = (int)(o.SampleRate * 0.001 * o.FrameLengthMs);
        int shift = (int)(o.SampleRate * 0.001 * o.FrameShiftMs);
        int padded = windowSize;
        if (o.RoundToPowerOfTwo)
        {
            padded = 1;
            while (padded < windowSize)
            {
                padded *= 2;
            }
        }

        int n = samples.Length;
        int frames = o.SnipEdges ? 1 + (n - windowSize) / shift : (n + shift / 2) / shift;
        double[,] banks = MelBanks(o, padded);
        int columns = o.NumBins + (o.UseEnergy ? 1 : 0);
        var result = new double[frames, columns];
        for (int f = 0; f < frames; f++)
        {
            long start = o.SnipEdges ? (long)f * shift : (long)f * shift + shift / 2 - windowSize / 2;
            var x = new double[padded];
            for (int i = 0; i < windowSize; i++)
            {
                long s = start + i;
                while (s < 0 || s >= n)
                {
                    s = s < 0 ? -s - 1 : 2L * n - 1 - s;
                }

                x[i] = samples[s] * 32768.0;
            }

            if (o.RemoveDcOffset)
            {
                double mean = x.Take(windowSize).Average();
                for (int i = 0; i < windowSize; i++)
                {
                    x[i] -= mean;
                }
            }

            if (o.UseEnergy)
            {
                double energy = Math.Log(Math.Max(x.Sum(v => v * v), 1.1920929e-07));
                result[f, 0] = o.EnergyFloor > 0 ? Math.Max(energy, Math.Log(o.EnergyFloor)) : energy;
            }

            var emphasised = new double[padded];
            for (int i = 0; i < windowSize; i++)
            {
                emphasised[i] = x[i] - o.PreEmphasis * (i == 0 ? x[0] : x[i - 1]);
            }

            for (int i = 0; i < windowSize; i++)
            {
                double a = 2 * Math.PI * i / (windowSize - 1);
                double w = o.Window switch
                {
                    "povey" => Math.Pow(0.5 - 0.5 * Math.Cos(a), 0.85),
                    "hamming" => 0.54 - 0.46 * Math.Cos(a),
                    "hanning" => 0.5 - 0.5 * Math.Cos(a),
                    "blackman" => 0.42 - 0.5 * Math.Cos(a) + 0.08 * Math.Cos(2 * a),
                    _ => 1.0,
                };
                emphasised[i] *= w;
            }

            for (int b = 0; b < o.NumBins; b++)
            {
                double energy = 0;
                for (int k = 0; k < padded / 2; k++)
                {
                    if (banks[b, k] == 0)
                    {
                        continue;
                    }

                    double re = 0, im = 0;
                    for (int j = 0; j < padded; j++)
                    {
                        re += emphasised[j] * Math.Cos(2 * Math.PI * j * k / padded);
                        im -= emphasised[j] * Math.Sin(2 * Math.PI * j * k / padded);
                    }

                    energy += banks[b, k] * (re * re + im * im);
                }

                int column = b + (o.UseEnergy ? 1 : 0);
                result[f, column] = o.UseLogFbank ? Math.Log(Math.Max(energy, 1.1920929e-07)) : energy;
            }
        }

        if (o.MeanNormalize)
        {
            for (int c = 0; c < columns; c++)
            {
                double mean = 0;
                for (int f = 0; f < frames; f++)
                {
                    mean += result[f, c];
                }

                mean /= frames;
                for (int f = 0; f < frames; f++)
                {
                    result[f, c] -= mean;
                }
            }
        }

        return result;
    }

    private static double[,] MelBanks(FbankOptions o, int padded)
    {
        static double Mel(double hz) => 1127 * Math.Log(1 + hz / 700);
        double nyquist = o.SampleRate / 2.0;
        double high = o.HighFrequency <= 0 ? nyquist + o.HighFrequency : o.HighFrequency;
        double melLow = Mel(o.LowFrequency), melHigh = Mel(high);
        double delta = (melHigh - melLow) / (o.NumBins + 1);
        var banks = new double[o.NumBins, padded / 2];
        for (int b = 0; b < o.NumBins; b++)
        {
            double left = melLow + b * delta, center = left + delta, right = center + delta;
            for (int k = 0; k < padded / 2; k++)
            {
                double mel = Mel(k * (double)o.SampleRate / padded);
                banks[b, k] = Math.Max(0, Math.Min((mel - left) / (center - left), (right - mel) / (right - center)));
            }
        }

        return banks;
    }
}

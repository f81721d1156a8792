using System.Numerics;
using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Analysis;

/// <summary>Level, clipping, zero-crossing and spectral measurements of mono float samples in [-1, 1].</summary>
public static class SignalStatistics
{
    /// <summary>The magnitude from which a sample counts as clipped.</summary>
    public const float ClippingLevel = 0.999f;

    // Frames quieter than this RMS (−100 dBFS) carry no spectral shape and are left out of the centroid.
    private const double CentroidSilenceRms = 1e-5;

    /// <summary>The root mean square; 0 for no samples.</summary>
    public static double Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (float x in samples)
        {
            sum += (double)x * x;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>
    /// The RMS in dB relative to full scale, 20·log10(RMS): a full-scale sine is −3.01 dBFS, a full-scale
    /// square wave 0. Silence (and no samples) is <see cref="double.NegativeInfinity"/>.
    /// </summary>
    public static double RmsDbfs(ReadOnlySpan<float> samples) => 20.0 * Math.Log10(Rms(samples));

    /// <summary>The largest magnitude; 0 for no samples.</summary>
    public static float Peak(ReadOnlySpan<float> samples)
    {
        float peak = 0;
        foreach (float x in samples)
        {
            peak = Math.Max(peak, Math.Abs(x));
        }

        return peak;
    }

    /// <summary>The fraction of samples whose magnitude is at least <see cref="ClippingLevel"/>; 0 for no samples.</summary>
    public static double ClippingRatio(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        int clipped = 0;
        foreach (float x in samples)
        {
            if (Math.Abs(x) >= ClippingLevel)
            {
                clipped++;
            }
        }

        return (double)clipped / samples.Length;
    }

    /// <summary>
    /// The RMS of frames of <paramref name="frameLength"/> samples every <paramref name="hopLength"/>:
    /// 1 + (n − length) / hop whole frames; a signal shorter than one frame gives one frame of what there is,
    /// and no samples give none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is below 1.</exception>
    public static float[] RmsEnvelope(ReadOnlySpan<float> samples, int frameLength, int hopLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hopLength, 1);
        if (samples.IsEmpty)
        {
            return [];
        }

        if (samples.Length < frameLength)
        {
            return [(float)Rms(samples)];
        }

        var envelope = new float[1 + (samples.Length - frameLength) / hopLength];
        for (int f = 0; f < envelope.Length; f++)
        {
            envelope[f] = (float)Rms(samples.Slice(f * hopLength, frameLength));
        }

        return envelope;
    }

    /// <summary>
    /// The fraction of adjacent sample pairs whose signs differ (0 counts as positive); 0 for fewer than two
    /// samples. A sine of f Hz gives about 2·f / sampleRate.
    /// </summary>
    public static double ZeroCrossingRate(ReadOnlySpan<float> samples)
    {
        if (samples.Length < 2)
        {
            return 0;
        }

        int crossings = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            if (samples[i] >= 0 != samples[i - 1] >= 0)
            {
                crossings++;
            }
        }

        return (double)crossings / (samples.Length - 1);
    }

    /// <summary>
    /// The spectral centroid in Hz (the magnitude-weighted mean frequency), averaged over Hann-windowed
    /// frames of about 32 ms (the next power of two, hop half of it) that are louder than −100 dBFS.
    /// A short last frame (or a signal shorter than a frame) gets a window of its own length and is zero-padded; silence gives 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is not between 1 and 1,000,000.</exception>
    public static double SpectralCentroid(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 1_000_000);
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, (int)(sampleRate * 0.032)));
        int hop = size / 2;
        int frames = samples.Length <= size ? 1 : 1 + (samples.Length - size + hop - 1) / hop;
        var frame = new double[size];
        var power = new double[size / 2 + 1];
        var re = new double[size / 2];
        var im = new double[size / 2];
        var window = new double[size];
        for (int i = 0; i < size; i++)
        {
            window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / size);
        }

        double binWidth = (double)sampleRate / size;
        double total = 0;
        int counted = 0;
        for (int f = 0; f < frames; f++)
        {
            int start = f * hop;
            int available = Math.Min(size, samples.Length - start);
            ReadOnlySpan<float> source = samples.Slice(start, available);
            if (Rms(source) < CentroidSilenceRms)
            {
                continue;
            }

            Array.Clear(frame);
            if (available == size)
            {
                for (int i = 0; i < size; i++)
                {
                    frame[i] = source[i] * window[i];
                }
            }
            else
            {
                // A short last frame gets a Hann window of its own length, then zeros.
                for (int i = 0; i < available; i++)
                {
                    frame[i] = source[i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / available));
                }
            }

            Fft.RealPowerSpectrum<double>(frame, power, re, im);
            double weighted = 0, magnitudeSum = 0;
            for (int k = 0; k < power.Length; k++)
            {
                double magnitude = Math.Sqrt(power[k]);
                weighted += k * binWidth * magnitude;
                magnitudeSum += magnitude;
            }

            if (magnitudeSum > 0)
            {
                total += weighted / magnitudeSum;
                counted++;
            }
        }

        return counted == 0 ? 0 : total / counted;
    }
}

using System.Numerics;
using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Features;

/// <summary>
/// Log mel filterbank features computed as Kaldi's <c>compute-fbank-feats</c> computes them (the algorithm
/// <c>torchaudio.compliance.kaldi.fbank</c> documents): framing, dither, DC removal, pre-emphasis, window,
/// zero padding, power spectrum, triangular mel filters, log, then optional utterance mean subtraction.
/// </summary>
/// <remarks>
/// Input samples are floats in [-1, 1]; Kaldi reads int16 WAV files, so the features are computed on the
/// samples × <see cref="InputScale"/> (32768), as torchaudio users do for Kaldi-trained speaker models.
/// An instance holds the window and the filters for its options; <see cref="Compute"/> is thread-safe.
/// </remarks>
public sealed class KaldiFbank
{
    /// <summary>The factor the [-1, 1] input is scaled by before analysis: the int16 range Kaldi sees.</summary>
    public const float InputScale = 32768f;

    private const int MaxFrameSamples = 1 << 20;

    private const double LogFloor = 1.1920928955078125e-07; // float epsilon, Kaldi's floor before log

    private const string OptionsParameter = "options";

    private readonly FbankOptions _options;
    private readonly int _windowSize;
    private readonly int _windowShift;
    private readonly int _paddedSize;
    private readonly double[] _window;
    private readonly int[] _filterStart;
    private readonly int[] _filterOffset;
    private readonly double[] _filterWeights;
    private readonly IReadOnlyList<double> _centers;
    private readonly RealDft? _dft;

    /// <summary>Features with <paramref name="options"/> (null: the defaults).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public KaldiFbank(FbankOptions? options = null)
    {
        _options = options ?? new FbankOptions();
        FbankOptions o = _options;
        if (o.SampleRate <= 0)
        {
            throw Invalid($"SampleRate is {o.SampleRate}; it must be positive.");
        }

        if (o.NumBins < 3)
        {
            throw Invalid($"NumBins is {o.NumBins}; Kaldi needs at least 3 mel bins.");
        }

        // Kaldi truncates: (int)(rate · 0.001 · ms).
        double windowSize = Math.Floor(o.SampleRate * 0.001 * o.FrameLengthMs);
        double windowShift = Math.Floor(o.SampleRate * 0.001 * o.FrameShiftMs);
        if (!(windowSize is >= 2 and <= MaxFrameSamples))
        {
            throw Invalid($"FrameLengthMs {o.FrameLengthMs} gives {windowSize} samples at {o.SampleRate} Hz; a frame needs 2 to {MaxFrameSamples}.");
        }

        if (!(windowShift is >= 1 and <= MaxFrameSamples))
        {
            throw Invalid($"FrameShiftMs {o.FrameShiftMs} gives {windowShift} samples at {o.SampleRate} Hz; the shift needs 1 to {MaxFrameSamples}.");
        }

        _windowSize = (int)windowSize;
        _windowShift = (int)windowShift;

        if (!(o.PreEmphasis is >= 0 and <= 1))
        {
            throw Invalid($"PreEmphasis is {o.PreEmphasis}; it must be between 0 and 1.");
        }

        if (!(o.Dither >= 0) || double.IsInfinity(o.Dither))
        {
            throw Invalid($"Dither is {o.Dither}; it must be 0 or a positive number.");
        }

        if (!(o.EnergyFloor >= 0) || double.IsInfinity(o.EnergyFloor))
        {
            throw Invalid($"EnergyFloor is {o.EnergyFloor}; it must be 0 or a positive number.");
        }

        _paddedSize = o.RoundToPowerOfTwo ? (int)BitOperations.RoundUpToPowerOf2((uint)_windowSize) : _windowSize;
        _dft = BitOperations.IsPow2(_paddedSize) ? null : new RealDft(_paddedSize);
        _window = BuildWindow(o.Window, _windowSize);
        (_filterStart, _filterOffset, _filterWeights, _centers) = BuildFilters(o, _paddedSize);
    }

    /// <summary>The options in use.</summary>
    public FbankOptions Options => _options;

    /// <summary>Samples per frame (400 at 16 kHz and 25 ms).</summary>
    public int FrameLength => _windowSize;

    /// <summary>Samples between frame starts (160 at 16 kHz and 10 ms).</summary>
    public int FrameShift => _windowShift;

    /// <summary>The FFT size each frame is zero-padded to (512 for 400-sample frames).</summary>
    public int FftSize => _paddedSize;

    /// <summary>Columns of the output: <see cref="FbankOptions.NumBins"/>, plus one for the energy with <see cref="FbankOptions.UseEnergy"/>.</summary>
    public int FeatureCount => _options.NumBins + (_options.UseEnergy ? 1 : 0);

    /// <summary>The centre frequency in Hz of every mel bin (the inverse mel of its centre), lowest first.</summary>
    public IReadOnlyList<double> CenterFrequencies => _centers;

    /// <summary>
    /// How many frames <paramref name="sampleCount"/> samples give: 1 + (n − length) / shift with
    /// <see cref="FbankOptions.SnipEdges"/> (0 when shorter than a frame), otherwise (n + shift / 2) / shift.
    /// </summary>
    public int FrameCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (_options.SnipEdges)
        {
            return sampleCount < _windowSize ? 0 : 1 + (sampleCount - _windowSize) / _windowShift;
        }

        return (int)(((long)sampleCount + _windowShift / 2) / _windowShift);
    }

    /// <summary>The features of <paramref name="samples"/> (floats in [-1, 1] at <see cref="FbankOptions.SampleRate"/>).</summary>
    /// <returns>A <see cref="FrameCount"/> × <see cref="FeatureCount"/> matrix; the energy, when asked for, is column 0.</returns>
    /// <exception cref="ArgumentException">The signal is too short for one frame.</exception>
    public FeatureMatrix Compute(ReadOnlySpan<float> samples)
    {
        FbankOptions o = _options;
        int frames = FrameCount(samples.Length);
        if (frames == 0)
        {
            double haveMs = 1000.0 * samples.Length / o.SampleRate;
            double needMs = 1000.0 * (o.SnipEdges ? _windowSize : (_windowShift + 1) / 2) / o.SampleRate;
            throw new ArgumentException(
                $"The signal is {haveMs:0.###} ms ({samples.Length} samples at {o.SampleRate} Hz); fbank features need at least {needMs:0.###} ms for one frame.",
                nameof(samples));
        }

        int columns = FeatureCount;
        int melOffset = o.UseEnergy ? 1 : 0;
        var data = new float[(long)frames * columns];
        var frame = new double[_paddedSize];
        var power = new double[_paddedSize / 2 + 1];
        int half = Math.Max(_paddedSize / 2, 1);
        var re = new double[half];
        var im = new double[half];
        Random? random = o.Dither > 0 ? new Random(0x5EED) : null;
        double logEnergyFloor = o.EnergyFloor > 0 ? Math.Log(o.EnergyFloor) : double.NegativeInfinity;

        for (int f = 0; f < frames; f++)
        {
            Span<double> x = frame.AsSpan(0, _windowSize);
            ExtractFrame(samples, f, x);

            if (random is not null)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] += o.Dither * Gaussian(random);
                }
            }

            if (o.RemoveDcOffset)
            {
                double mean = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    mean += x[i];
                }

                mean /= x.Length;
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] -= mean;
                }
            }

            Span<float> row = data.AsSpan(f * columns, columns);
            if (o.UseEnergy)
            {
                double energy = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    energy += x[i] * x[i];
                }

                row[0] = (float)Math.Max(Math.Log(Math.Max(energy, LogFloor)), logEnergyFloor);
            }

            if (o.PreEmphasis != 0)
            {
                for (int i = x.Length - 1; i > 0; i--)
                {
                    x[i] -= o.PreEmphasis * x[i - 1];
                }

                x[0] -= o.PreEmphasis * x[0];
            }

            for (int i = 0; i < x.Length; i++)
            {
                x[i] *= _window[i];
            }

            frame.AsSpan(_windowSize).Clear();
            if (_dft is null)
            {
                Fft.RealPowerSpectrum<double>(frame, power, re, im);
            }
            else
            {
                _dft.PowerSpectrum(frame, power);
            }

            ApplyFilters(power, row[melOffset..], o.UseLogFbank);
        }

        if (o.MeanNormalize)
        {
            SubtractColumnMeans(data, frames, columns);
        }

        return new FeatureMatrix(frames, columns, data);
    }

    /// <summary>Copies frame <paramref name="f"/>, scaled to the int16 range, reflecting at the edges when frames overhang.</summary>
    private void ExtractFrame(ReadOnlySpan<float> samples, int f, Span<double> x)
    {
        int n = samples.Length;
        long start = _options.SnipEdges
            ? (long)f * _windowShift
            : (long)f * _windowShift + _windowShift / 2 - _windowSize / 2;
        if (start >= 0 && start + x.Length <= n)
        {
            ReadOnlySpan<float> source = samples.Slice((int)start, x.Length);
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = source[i] * (double)InputScale;
            }

            return;
        }

        for (int i = 0; i < x.Length; i++)
        {
            long s = start + i;
            while (s < 0 || s >= n)
            {
                s = s < 0 ? -s - 1 : 2L * n - 1 - s;
            }

            x[i] = samples[(int)s] * (double)InputScale;
        }
    }

    private void ApplyFilters(ReadOnlySpan<double> power, Span<float> destination, bool log)
    {
        for (int b = 0; b < _filterStart.Length; b++)
        {
            int offset = _filterOffset[b];
            int count = _filterOffset[b + 1] - offset;
            ReadOnlySpan<double> weights = _filterWeights.AsSpan(offset, count);
            ReadOnlySpan<double> bins = power.Slice(_filterStart[b], count);
            double energy = 0;
            for (int k = 0; k < weights.Length; k++)
            {
                energy += weights[k] * bins[k];
            }

            destination[b] = (float)(log ? Math.Log(Math.Max(energy, LogFloor)) : energy);
        }
    }

    private static void SubtractColumnMeans(float[] data, int frames, int columns)
    {
        var sums = new double[columns];
        for (int f = 0; f < frames; f++)
        {
            ReadOnlySpan<float> row = data.AsSpan(f * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                sums[c] += row[c];
            }
        }

        for (int f = 0; f < frames; f++)
        {
            Span<float> row = data.AsSpan(f * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                row[c] = (float)(row[c] - sums[c] / frames);
            }
        }
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − NextDouble() is in (0, 1], so the log is finite.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double[] BuildWindow(string? type, int size)
    {
        var window = new double[size];
        double a = 2.0 * Math.PI / (size - 1);
        for (int i = 0; i < size; i++)
        {
            window[i] = type?.ToUpperInvariant() switch
            {
                "POVEY" => Math.Pow(0.5 - 0.5 * Math.Cos(a * i), 0.85),
                "HANNING" => 0.5 - 0.5 * Math.Cos(a * i),
                "HAMMING" => 0.54 - 0.46 * Math.Cos(a * i),
                "RECTANGULAR" => 1.0,
                "BLACKMAN" => 0.42 - 0.5 * Math.Cos(a * i) + 0.08 * Math.Cos(2 * a * i),
                _ => throw Invalid($"Window is \"{type}\"; it must be one of {string.Join(", ", FbankOptions.WindowTypes)}."),
            };
        }

        return window;
    }

    private static (int[] Start, int[] Offset, double[] Weights, IReadOnlyList<double> Centers) BuildFilters(FbankOptions o, int paddedSize)
    {
        double nyquist = 0.5 * o.SampleRate;
        double low = o.LowFrequency;
        double high = o.HighFrequency <= 0 ? o.HighFrequency + nyquist : o.HighFrequency;
        if (!(low >= 0 && low < nyquist))
        {
            throw Invalid($"LowFrequency is {low} Hz; it must be at least 0 and below the Nyquist frequency {nyquist} Hz.");
        }

        if (!(high > 0 && high <= nyquist))
        {
            throw Invalid($"HighFrequency {o.HighFrequency} Hz resolves to {high} Hz; it must be above 0 and at most the Nyquist frequency {nyquist} Hz.");
        }

        if (!(high > low))
        {
            throw Invalid($"HighFrequency ({high} Hz) must be above LowFrequency ({low} Hz).");
        }

        // Kaldi weighs FFT bins 0 … n/2 − 1; the Nyquist bin never enters a filter.
        int fftBins = paddedSize / 2;
        double binWidth = (double)o.SampleRate / paddedSize;
        double melLow = MelScale.FromHz(low);
        double melHigh = MelScale.FromHz(high);
        double melDelta = (melHigh - melLow) / (o.NumBins + 1);

        var start = new int[o.NumBins];
        var offset = new int[o.NumBins + 1];
        var centers = new double[o.NumBins];
        var weights = new List<double>();
        for (int b = 0; b < o.NumBins; b++)
        {
            double left = melLow + b * melDelta;
            double center = melLow + (b + 1) * melDelta;
            double right = melLow + (b + 2) * melDelta;
            centers[b] = MelScale.ToHz(center);
            int first = -1;
            int last = -1;
            var filter = new double[fftBins];
            for (int k = 0; k < fftBins; k++)
            {
                double mel = MelScale.FromHz(binWidth * k);
                double up = (mel - left) / (center - left);
                double down = (right - mel) / (right - center);
                double weight = Math.Max(0.0, Math.Min(up, down));
                filter[k] = weight;
                if (weight > 0)
                {
                    first = first < 0 ? k : first;
                    last = k;
                }
            }

            offset[b] = weights.Count;
            if (first >= 0)
            {
                start[b] = first;
                for (int k = first; k <= last; k++)
                {
                    weights.Add(filter[k]);
                }
            }
        }

        offset[o.NumBins] = weights.Count;
        return (start, offset, weights.ToArray(), centers.AsReadOnly());
    }

    private static ArgumentException Invalid(string message, string parameter = OptionsParameter) => new(message, parameter);
}

using System.Numerics;
using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Analysis;

/// <summary>
/// Frame-wise F0 estimation with YIN (de Cheveigné and Kawahara, 2002): the difference function by FFT,
/// the cumulative mean normalised difference, the first dip below the voicing threshold followed to its
/// minimum, and parabolic interpolation of the lag. Unvoiced and silent frames get 0 Hz.
/// </summary>
/// <remarks>Thread-safe; an instance only holds its options.</remarks>
public sealed class PitchTracker
{
    private const string OptionsParameter = "options";

    private readonly PitchTrackerOptions _options;

    /// <summary>A tracker with <paramref name="options"/> (null: the defaults, 50–600 Hz, 40 ms frames every 10 ms).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public PitchTracker(PitchTrackerOptions? options = null)
    {
        _options = options ?? new PitchTrackerOptions();
        PitchTrackerOptions o = _options;
        if (!(o.MinFrequency > 0) || !(o.MaxFrequency > o.MinFrequency) || double.IsInfinity(o.MaxFrequency))
        {
            throw Invalid($"The F0 range {o.MinFrequency}–{o.MaxFrequency} Hz is not a range of positive frequencies.");
        }

        if (!(o.FrameLengthMs is > 0 and <= 1000) || !(o.HopLengthMs is > 0 and <= 1000))
        {
            throw Invalid($"FrameLengthMs ({o.FrameLengthMs}) and HopLengthMs ({o.HopLengthMs}) must be above 0 and at most 1000.");
        }

        if (!(o.VoicingThreshold is > 0 and < 1))
        {
            throw Invalid($"VoicingThreshold is {o.VoicingThreshold}; it must be between 0 and 1.");
        }

        if (double.IsNaN(o.SilenceThresholdDbfs))
        {
            throw Invalid("SilenceThresholdDbfs is NaN.");
        }
    }

    /// <summary>The options in use.</summary>
    public PitchTrackerOptions Options => _options;

    /// <summary>The F0 contour of mono <paramref name="samples"/> at <paramref name="sampleRate"/>.</summary>
    /// <returns>One value per frame: frames start every hop and must fit inside the signal (1 + (n − length) / hop frames).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is not between 1000 and 1,000,000.</exception>
    /// <exception cref="ArgumentException">The options do not fit the sample rate, or the signal is shorter than one frame.</exception>
    public PitchTrack Track(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 1_000_000);
        PitchTrackerOptions o = _options;
        int frameLength = (int)Math.Round(sampleRate * o.FrameLengthMs / 1000.0);
        int hop = Math.Max(1, (int)Math.Round(sampleRate * o.HopLengthMs / 1000.0));
        int minLag = (int)Math.Floor(sampleRate / o.MaxFrequency);
        int maxLag = (int)Math.Ceiling(sampleRate / o.MinFrequency);
        if (minLag < 2)
        {
            throw Invalid($"MaxFrequency {o.MaxFrequency} Hz is too high for {sampleRate} Hz audio; it must be at most {sampleRate / 2.0} Hz.");
        }

        int window = frameLength - maxLag - 1;
        if (window < maxLag / 2)
        {
            throw Invalid($"A {o.FrameLengthMs} ms frame is too short to find {o.MinFrequency} Hz; it must hold at least 1.5 periods ({1500.0 / o.MinFrequency:0.#} ms).");
        }

        if (samples.Length < frameLength)
        {
            throw new ArgumentException(
                $"The signal is {1000.0 * samples.Length / sampleRate:0.###} ms ({samples.Length} samples); pitch tracking needs at least one {o.FrameLengthMs} ms frame.",
                nameof(samples));
        }

        int frames = 1 + (samples.Length - frameLength) / hop;
        var f0 = new float[frames];
        var analysis = new YinFrame(frameLength, window, minLag, maxLag);
        double silence = Math.Pow(10, o.SilenceThresholdDbfs / 20.0);
        for (int f = 0; f < frames; f++)
        {
            double lag = analysis.Estimate(samples.Slice(f * hop, frameLength), o.VoicingThreshold, silence);
            f0[f] = lag > 0 ? (float)(sampleRate / lag) : 0f;
        }

        return new PitchTrack(f0, sampleRate, frameLength, hop);
    }

    private static ArgumentException Invalid(string message, string parameter = OptionsParameter) => new(message, parameter);

    /// <summary>The buffers of one YIN analysis, reused across the frames of one call.</summary>
    private sealed class YinFrame
    {
        private readonly int _frameLength;
        private readonly int _window;
        private readonly int _minLag;
        private readonly int _maxLag;
        private readonly double[] _zr;
        private readonly double[] _zi;
        private readonly double[] _cr;
        private readonly double[] _ci;
        private readonly double[] _prefix;
        private readonly double[] _difference;

        public YinFrame(int frameLength, int window, int minLag, int maxLag)
        {
            _frameLength = frameLength;
            _window = window;
            _minLag = minLag;
            _maxLag = maxLag;
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)frameLength);
            _zr = new double[size];
            _zi = new double[size];
            _cr = new double[size];
            _ci = new double[size];
            _prefix = new double[frameLength + 1];
            _difference = new double[maxLag + 2];
        }

        /// <summary>The period in samples (fractional), or 0 for an unvoiced or silent frame.</summary>
        public double Estimate(ReadOnlySpan<float> x, double threshold, double silenceRms)
        {
            double[] prefix = _prefix;
            for (int i = 0; i < _frameLength; i++)
            {
                prefix[i + 1] = prefix[i] + (double)x[i] * x[i];
            }

            if (!(Math.Sqrt(prefix[_frameLength] / _frameLength) >= silenceRms))
            {
                return 0;
            }

            ComputeDifference(x);
            double[] d = _difference;

            // Cumulative mean normalised difference d'(τ) = d(τ)·τ / Σ_{j=1..τ} d(j); the first dip below the
            // threshold, followed down to its local minimum.
            double runningSum = 0;
            int chosen = -1;
            double previous = 1;
            for (int lag = 1; lag <= _maxLag; lag++)
            {
                runningSum += d[lag];
                double normalised = runningSum > 0 ? d[lag] * lag / runningSum : 1;
                if (lag < _minLag)
                {
                    previous = normalised;
                    continue;
                }

                if (chosen < 0)
                {
                    if (normalised < threshold)
                    {
                        chosen = lag;
                    }
                }
                else if (normalised < previous)
                {
                    chosen = lag;
                }
                else
                {
                    break;
                }

                previous = normalised;
            }

            if (chosen < 0)
            {
                return 0;
            }

            // Parabolic interpolation of the raw difference around the chosen lag.
            double a = d[chosen - 1], b = d[chosen], c = d[chosen + 1];
            double curvature = a - 2 * b + c;
            double shift = curvature > 0 ? Math.Clamp(0.5 * (a - c) / curvature, -1, 1) : 0;
            return chosen + shift;
        }

        /// <summary>d(τ) = Σ_{j&lt;W} (x[j] − x[j+τ])² = E(0) + E(τ) − 2·Σ x[j]·x[j+τ] for τ = 0 … maxLag + 1.</summary>
        private void ComputeDifference(ReadOnlySpan<float> x)
        {
            int size = _zr.Length;
            Array.Clear(_zr);
            Array.Clear(_zi);

            // One complex transform carries both the window a = x[0..W) (real) and the whole frame b (imaginary).
            for (int i = 0; i < _frameLength; i++)
            {
                _zi[i] = x[i];
            }

            for (int i = 0; i < _window; i++)
            {
                _zr[i] = x[i];
            }

            Fft.Forward(_zr, _zi);
            for (int k = 0; k < size; k++)
            {
                int mirror = (size - k) & (size - 1);
                double ar = 0.5 * (_zr[k] + _zr[mirror]);
                double ai = 0.5 * (_zi[k] - _zi[mirror]);
                double br = 0.5 * (_zi[k] + _zi[mirror]);
                double bi = -0.5 * (_zr[k] - _zr[mirror]);

                // conj(A)·B: the transform of the cross-correlation Σ a[j]·b[j+τ].
                _cr[k] = ar * br + ai * bi;
                _ci[k] = ar * bi - ai * br;
            }

            Fft.Inverse(_cr, _ci);
            double[] prefix = _prefix;
            double energy0 = prefix[_window];
            for (int lag = 0; lag <= _maxLag + 1; lag++)
            {
                double energyLag = prefix[lag + _window] - prefix[lag];
                _difference[lag] = Math.Max(0, energy0 + energyLag - 2 * _cr[lag]);
            }
        }
    }
}

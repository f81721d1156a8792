using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VoiceFleet.Audio.Dsp;

/// <summary>
/// The polyphase filter of one ratio L/M (<see cref="SincResampler"/>): rows of taps, one per phase
/// fraction. When L phases fit the table budget every phase has its exact row; otherwise the table holds
/// a finer grid of fractions and a phase between two rows blends their outputs linearly.
/// </summary>
internal sealed class SincFilterBank
{
    // Most floats one table may hold (16 MiB).
    private const long MaxTableFloats = 1 << 22;

    private const int MaxInterpolatedRows = 4096;

    private readonly int _up;
    private readonly int _down;
    private readonly int _halfTaps;
    private readonly int _taps;

    // Row length in the table: the taps padded with zeros to whole SIMD vectors, so an output away from the signal's
    // edges is a few vector multiply-adds with no scalar tail.
    private readonly int _stride;
    private readonly int _rows;
    private readonly bool _exact;
    private readonly float[] _table;

    public SincFilterBank(int up, int down, ResamplerOptions options)
    {
        _up = up;
        _down = down;

        // Cut-off in cycles per input sample; the sinc's zero crossings are 1 / (2·cutoff) input samples apart.
        double cutoff = Math.Min(1.0, (double)up / down) * options.Rolloff * 0.5;
        double halfWidth = options.ZeroCrossings / (2.0 * cutoff);
        _halfTaps = (int)Math.Ceiling(halfWidth);
        _taps = 2 * _halfTaps + 1;
        _stride = (_taps + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

        if ((long)up * _stride <= MaxTableFloats)
        {
            _exact = true;
            _rows = up;
        }
        else
        {
            _exact = false;
            _rows = (int)Math.Clamp(MaxTableFloats / _stride - 1, 16, MaxInterpolatedRows);
        }

        int rowCount = _exact ? _rows : _rows + 1;
        _table = new float[(long)rowCount * _stride];
        double inverseI0Beta = 1.0 / BesselI0(options.KaiserBeta);
        var row = new double[_taps];
        for (int r = 0; r < rowCount; r++)
        {
            double fraction = (double)r / _rows;
            double sum = 0;
            for (int t = 0; t < _taps; t++)
            {
                // Tap t weighs input sample (i − halfTaps + t) for an output at input time i + fraction.
                double u = fraction + _halfTaps - t;
                double weight = 0;
                if (Math.Abs(u) <= halfWidth)
                {
                    double ratio = u / halfWidth;
                    double window = BesselI0(options.KaiserBeta * Math.Sqrt(Math.Max(0, 1 - ratio * ratio))) * inverseI0Beta;
                    weight = 2 * cutoff * Sinc(2 * cutoff * u) * window;
                }

                row[t] = weight;
                sum += weight;
            }

            // Unit gain at DC for every phase.
            Span<float> destination = _table.AsSpan(r * _stride, _taps);
            for (int t = 0; t < _taps; t++)
            {
                destination[t] = (float)(row[t] / sum);
            }
        }
    }

    /// <summary>Taps on each side of an output's centre, in input samples.</summary>
    public int HalfTaps => _halfTaps;

    /// <summary>The reduced ratio: output rate / input rate = <see cref="Up"/> / <see cref="Down"/>.</summary>
    public int Up => _up;

    /// <inheritdoc cref="Up"/>
    public int Down => _down;

    public void Apply(ReadOnlySpan<float> input, Span<float> output) => Apply(input, 0, 0, output);

    /// <summary>
    /// Outputs <paramref name="firstOutput"/> … <paramref name="firstOutput"/> + output.Length − 1 of a signal that is
    /// <paramref name="piece"/> from input sample <paramref name="pieceStart"/> on and zero everywhere else.
    /// </summary>
    public void Apply(ReadOnlySpan<float> piece, long pieceStart, long firstOutput, Span<float> output)
    {
        int n = piece.Length;

        // Output j sits at input time j·down/up: step the whole part and the phase instead of dividing per sample.
        long indexStep = _down / _up;
        long phaseStep = _down % _up;
        long position = firstOutput * _down;
        long index = position / _up - pieceStart;
        long phase = position % _up;
        for (int j = 0; j < output.Length; j++)
        {
            long start = index - _halfTaps;
            if (_exact && start >= 0 && start + _stride <= n)
            {
                output[j] = PaddedDot((int)phase, piece, (int)start);
            }
            else
            {
                output[j] = EdgeDot(piece, start, phase);
            }

            index += indexStep;
            phase += phaseStep;
            if (phase >= _up)
            {
                phase -= _up;
                index++;
            }
        }
    }

    // An output near the signal's edges (or of an interpolated table): only the taps over real samples count.
    private float EdgeDot(ReadOnlySpan<float> input, long start, long phase)
    {
        int first = (int)Math.Max(0, -start);
        int last = (int)Math.Min(_taps, input.Length - start);
        if (last <= first)
        {
            return 0;
        }

        ReadOnlySpan<float> samples = input.Slice((int)(start + first), last - first);
        if (_exact)
        {
            return VectorMath.Dot(Row((int)phase).Slice(first, last - first), samples);
        }

        double exactRow = (double)phase * _rows / _up;
        int r = (int)exactRow;
        float blend = (float)(exactRow - r);
        float a = VectorMath.Dot(Row(r).Slice(first, last - first), samples);
        float b = VectorMath.Dot(Row(r + 1).Slice(first, last - first), samples);
        return a + blend * (b - a);
    }

    private ReadOnlySpan<float> Row(int r) => _table.AsSpan(r * _stride, _taps);

    // Σ row(phase)[t] · input[start + t] over the padded row; the caller makes sure the input holds all those samples.
    private float PaddedDot(int phase, ReadOnlySpan<float> input, int start)
    {
        ref float taps = ref MemoryMarshal.GetArrayDataReference(_table);
        taps = ref Unsafe.Add(ref taps, phase * _stride);
        ref float samples = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
        Vector<float> sum = Vector<float>.Zero;
        for (int t = 0; t < _stride; t += Vector<float>.Count)
        {
            sum += Vector.LoadUnsafe(ref taps, (nuint)t) * Vector.LoadUnsafe(ref samples, (nuint)t);
        }

        return Vector.Sum(sum);
    }

    private static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 500; k++)
        {
            term *= half / k;
            double squared = term * term;
            sum += squared;
            if (squared < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}

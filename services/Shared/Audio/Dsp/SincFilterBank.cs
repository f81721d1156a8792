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

        if ((long)up * _taps <= MaxTableFloats)
        {
            _exact = true;
            _rows = up;
        }
        else
        {
            _exact = false;
            _rows = (int)Math.Clamp(MaxTableFloats / _taps - 1, 16, MaxInterpolatedRows);
        }

        int rowCount = _exact ? _rows : _rows + 1;
        _table = new float[(long)rowCount * _taps];
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
            Span<float> destination = _table.AsSpan(r * _taps, _taps);
            for (int t = 0; t < _taps; t++)
            {
                destination[t] = (float)(row[t] / sum);
            }
        }
    }

    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = input.Length;
        for (int j = 0; j < output.Length; j++)
        {
            long position = (long)j * _down;
            long index = position / _up;
            long phase = position % _up;
            long start = index - _halfTaps;
            int first = (int)Math.Max(0, -start);
            int last = (int)Math.Min(_taps, n - start);
            if (last <= first)
            {
                output[j] = 0;
                continue;
            }

            ReadOnlySpan<float> samples = input.Slice((int)(start + first), last - first);
            if (_exact)
            {
                output[j] = VectorMath.Dot(Row((int)phase).Slice(first, last - first), samples);
            }
            else
            {
                double exactRow = (double)phase * _rows / _up;
                int r = (int)exactRow;
                float blend = (float)(exactRow - r);
                float a = VectorMath.Dot(Row(r).Slice(first, last - first), samples);
                float b = VectorMath.Dot(Row(r + 1).Slice(first, last - first), samples);
                output[j] = a + blend * (b - a);
            }
        }
    }

    private ReadOnlySpan<float> Row(int r) => _table.AsSpan(r * _taps, _taps);

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

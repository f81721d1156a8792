namespace VoiceFleet.Audio.Dsp;

/// <summary>
/// The power spectrum of a real frame of any length by a direct DFT (O(n²)): for the rare frame sizes
/// that are not a power of two (<see cref="Features.FbankOptions.RoundToPowerOfTwo"/> off). One instance per size.
/// </summary>
internal sealed class RealDft
{
    private readonly double[] _cos;
    private readonly double[] _sin;

    public RealDft(int n)
    {
        Size = n;
        _cos = new double[n];
        _sin = new double[n];
        for (int i = 0; i < n; i++)
        {
            double angle = 2.0 * Math.PI * i / n;
            _cos[i] = Math.Cos(angle);
            _sin[i] = Math.Sin(angle);
        }
    }

    public int Size { get; }

    /// <summary>Writes |X[k]|² for k = 0 … n/2 of <paramref name="frame"/> (length n) into <paramref name="power"/>.</summary>
    public void PowerSpectrum(ReadOnlySpan<double> frame, Span<double> power)
    {
        int n = Size;
        for (int k = 0; k <= n / 2; k++)
        {
            double re = 0, im = 0;
            int index = 0;
            for (int j = 0; j < n; j++)
            {
                re += frame[j] * _cos[index];
                im -= frame[j] * _sin[index];
                index += k;
                if (index >= n)
                {
                    index -= n;
                }
            }

            power[k] = re * re + im * im;
        }
    }
}

using System.Numerics;

namespace VoiceFleet.Audio.Dsp;

/// <summary>The tables of one FFT size: cos and sin of 2πk/n for k &lt; n/2, and the bit-reversal permutation.</summary>
internal sealed class FftPlan
{
    public FftPlan(int n)
    {
        int half = Math.Max(n / 2, 1);
        Cos = new double[half];
        Sin = new double[half];
        for (int k = 0; k < half; k++)
        {
            double angle = 2.0 * Math.PI * k / n;
            Cos[k] = Math.Cos(angle);
            Sin[k] = Math.Sin(angle);
        }

        BitReversed = new int[n];
        int bits = BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            BitReversed[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
        }
    }

    public double[] Cos { get; }

    public double[] Sin { get; }

    public int[] BitReversed { get; }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}

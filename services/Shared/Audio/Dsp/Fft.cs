using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VoiceFleet.Audio.Dsp;

/// <summary>
/// Radix-2 fast Fourier transform for power-of-two sizes, in double precision. Twiddle factors and
/// bit-reversal tables are built once per size and shared; every method is thread-safe.
/// </summary>
/// <remarks>
/// The forward transform is <c>X[k] = Σ x[j]·e^(−2πi·jk/n)</c> without scaling; <see cref="Inverse"/>
/// divides by <c>n</c>, so <c>Inverse(Forward(x)) == x</c>.
/// </remarks>
public static class Fft
{
    /// <summary>The largest transform size: 2^30.</summary>
    public const int MaxSize = 1 << 30;

    // Above this many complex points the real-input helpers rent their scratch instead of using the stack.
    private const int StackScratchLimit = 1024;

    private static readonly FftPlan?[] s_plans = new FftPlan?[31];

    /// <summary>True when <paramref name="n"/> is a power of two between 1 and <see cref="MaxSize"/>.</summary>
    public static bool IsSupportedSize(int n) => n > 0 && BitOperations.IsPow2(n);

    /// <summary>In-place forward transform of the complex signal (<paramref name="real"/>, <paramref name="imag"/>).</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or the length is not a power of two.</exception>
    public static void Forward(Span<double> real, Span<double> imag) => Transform(real, imag, inverse: false);

    /// <summary>In-place inverse transform, scaled by 1/n.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or the length is not a power of two.</exception>
    public static void Inverse(Span<double> real, Span<double> imag)
    {
        Transform(real, imag, inverse: true);
        double scale = 1.0 / real.Length;
        for (int i = 0; i < real.Length; i++)
        {
            real[i] *= scale;
            imag[i] *= scale;
        }
    }

    /// <summary>
    /// The power spectrum <c>|X[k]|²</c>, k = 0 … n/2, of a real frame of power-of-two length n
    /// (unscaled, as the forward transform gives it).
    /// </summary>
    /// <param name="frame">The real samples; its length n is a power of two.</param>
    /// <param name="power">Receives n/2 + 1 bins in its first elements; at least that long.</param>
    /// <exception cref="ArgumentException">The frame length is not a power of two, or <paramref name="power"/> is shorter than n/2 + 1.</exception>
    public static void PowerSpectrum(ReadOnlySpan<float> frame, Span<float> power)
    {
        int n = frame.Length;
        if (!IsSupportedSize(n))
        {
            throw new ArgumentException($"The frame has {n} samples; the FFT needs a power of two between 1 and {MaxSize}.", nameof(frame));
        }

        if (power.Length < n / 2 + 1)
        {
            throw new ArgumentException($"The power spectrum of a {n}-sample frame has {n / 2 + 1} bins; the destination holds {power.Length}.", nameof(power));
        }

        int m = Math.Max(n / 2, 1);
        double[]? rented = m > StackScratchLimit ? ArrayPool<double>.Shared.Rent(3 * m + 1) : null;
        Span<double> scratch = rented is null ? stackalloc double[3 * m + 1] : rented.AsSpan(0, 3 * m + 1);
        try
        {
            Span<double> re = scratch[..m];
            Span<double> im = scratch.Slice(m, m);
            Span<double> bins = scratch.Slice(2 * m, m + 1);
            RealPowerSpectrum(frame, bins, re, im);
            for (int k = 0; k <= n / 2; k++)
            {
                power[k] = (float)bins[k];
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The power spectrum of a real frame (float or double samples) into <paramref name="power"/> (n/2 + 1 bins), using
    /// <paramref name="re"/> and <paramref name="im"/> (n/2 each) as scratch: one complex transform of half the size.
    /// </summary>
    internal static void RealPowerSpectrum<T>(ReadOnlySpan<T> frame, Span<double> power, Span<double> re, Span<double> im)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = frame.Length;
        if (n == 1)
        {
            double x = double.CreateTruncating(frame[0]);
            power[0] = x * x;
            return;
        }

        int m = n / 2;
        re = re[..m];
        im = im[..m];
        for (int j = 0; j < m; j++)
        {
            re[j] = double.CreateTruncating(frame[2 * j]);
            im[j] = double.CreateTruncating(frame[2 * j + 1]);
        }

        Transform(re, im, inverse: false);

        // Split the half-size transform Z of z[j] = x[2j] + i·x[2j+1] into the spectrum of x:
        // X[k] = E[k] + W^k·O[k], E = (Z[k] + conj Z[m−k]) / 2, O = (Z[k] − conj Z[m−k]) / 2i, W = e^(−2πi/n).
        power[0] = Square(re[0] + im[0]);
        power[m] = Square(re[0] - im[0]);
        FftPlan plan = GetPlan(n);
        for (int k = 1; k < m; k++)
        {
            double ar = re[k], ai = im[k];
            double br = re[m - k], bi = -im[m - k];
            double er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
            double odr = 0.5 * (ai - bi), odi = -0.5 * (ar - br);
            double c = plan.Cos[k], s = plan.Sin[k];
            double xr = er + c * odr + s * odi;
            double xi = ei + c * odi - s * odr;
            power[k] = xr * xr + xi * xi;
        }
    }

    private static double Square(double x) => x * x;

    private static void Transform(Span<double> real, Span<double> imag, bool inverse)
    {
        int n = real.Length;
        if (imag.Length != n)
        {
            throw new ArgumentException($"The real part has {n} elements and the imaginary part {imag.Length}; they must match.", nameof(imag));
        }

        if (!IsSupportedSize(n))
        {
            throw new ArgumentException($"The FFT size is {n}; it must be a power of two between 1 and {MaxSize}.", nameof(real));
        }

        if (n == 1)
        {
            return;
        }

        FftPlan plan = GetPlan(n);
        int[] reversed = plan.BitReversed;
        for (int i = 0; i < n; i++)
        {
            int j = reversed[i];
            if (j > i)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imag[i], imag[j]) = (imag[j], imag[i]);
            }
        }

        // Length-2 butterflies need no twiddle.
        ref double re = ref MemoryMarshal.GetReference(real);
        ref double im = ref MemoryMarshal.GetReference(imag);
        for (int a = 0; a < n; a += 2)
        {
            double r0 = Unsafe.Add(ref re, a), i0 = Unsafe.Add(ref im, a);
            double r1 = Unsafe.Add(ref re, a + 1), i1 = Unsafe.Add(ref im, a + 1);
            Unsafe.Add(ref re, a) = r0 + r1;
            Unsafe.Add(ref im, a) = i0 + i1;
            Unsafe.Add(ref re, a + 1) = r0 - r1;
            Unsafe.Add(ref im, a + 1) = i0 - i1;
        }

        // The bounds were checked above (both spans hold n values); the loops stay within them.
        ref double cos = ref MemoryArrayStart(plan.Cos);
        ref double sin = ref MemoryArrayStart(plan.Sin);
        double sign = inverse ? 1.0 : -1.0;
        for (int length = 4; length <= n; length <<= 1)
        {
            int half = length >> 1;
            int stride = n / length;
            for (int block = 0; block < n; block += length)
            {
                ref double reA = ref Unsafe.Add(ref re, block);
                ref double imA = ref Unsafe.Add(ref im, block);
                ref double reB = ref Unsafe.Add(ref re, block + half);
                ref double imB = ref Unsafe.Add(ref im, block + half);
                for (int k = 0; k < half; k++)
                {
                    double wr = Unsafe.Add(ref cos, k * stride);
                    double wi = sign * Unsafe.Add(ref sin, k * stride);
                    double br = Unsafe.Add(ref reB, k), bi = Unsafe.Add(ref imB, k);
                    double tr = br * wr - bi * wi;
                    double ti = br * wi + bi * wr;
                    double ar = Unsafe.Add(ref reA, k), ai = Unsafe.Add(ref imA, k);
                    Unsafe.Add(ref reB, k) = ar - tr;
                    Unsafe.Add(ref imB, k) = ai - ti;
                    Unsafe.Add(ref reA, k) = ar + tr;
                    Unsafe.Add(ref imA, k) = ai + ti;
                }
            }
        }
    }

    private static ref double MemoryArrayStart(double[] array) => ref MemoryMarshal.GetArrayDataReference(array);

    private static FftPlan GetPlan(int n)
    {
        int log2 = BitOperations.Log2((uint)n);
        FftPlan? plan = Volatile.Read(ref s_plans[log2]);
        if (plan is not null)
        {
            return plan;
        }

        plan = new FftPlan(n);
        return Interlocked.CompareExchange(ref s_plans[log2], plan, null) ?? plan;
    }
}

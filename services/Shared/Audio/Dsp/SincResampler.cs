using System.Collections.Concurrent;

namespace VoiceFleet.Audio.Dsp;

/// <summary>
/// Band-limited sample-rate conversion by any rational ratio with a polyphase Kaiser-windowed sinc filter.
/// </summary>
/// <remarks>
/// The ratio <c>toRate / fromRate</c> is reduced to L/M; output sample j sits at input time j·M/L and is
/// the dot product of the input around it with the filter phase for that fraction. The filter cuts off at
/// <see cref="ResamplerOptions.Rolloff"/> × min(fromRate, toRate) / 2, so downsampling removes what would
/// alias. Input outside the signal counts as zeros, so the first and last few milliseconds fade slightly.
/// Filters are cached per ratio and options; every method is thread-safe.
/// </remarks>
public static class SincResampler
{
    /// <summary>The highest sample rate accepted, in Hz.</summary>
    public const int MaxRate = 1_000_000;

    /// <summary>The largest downsampling factor accepted: fromRate / toRate at most 1000.</summary>
    public const int MaxDownsamplingFactor = 1000;

    private const int MaxCachedFilters = 16;

    private static readonly ConcurrentDictionary<(int Up, int Down, ResamplerOptions Options), SincFilterBank> s_filters = new();

    /// <summary>Resamples mono <paramref name="input"/> from <paramref name="fromRate"/> to <paramref name="toRate"/> with the default quality.</summary>
    /// <returns>round(n · toRate / fromRate) samples (halves round up); a copy when the rates are equal.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A rate is not between 1 and <see cref="MaxRate"/>, or fromRate / toRate exceeds <see cref="MaxDownsamplingFactor"/>.
    /// </exception>
    public static float[] Resample(ReadOnlySpan<float> input, int fromRate, int toRate) =>
        Resample(input, fromRate, toRate, ResamplerOptions.Default);

    /// <summary>Resamples mono <paramref name="input"/> from <paramref name="fromRate"/> to <paramref name="toRate"/>.</summary>
    /// <returns>round(n · toRate / fromRate) samples (halves round up); a copy when the rates are equal.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A rate is not between 1 and <see cref="MaxRate"/>, or fromRate / toRate exceeds <see cref="MaxDownsamplingFactor"/>.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds a value out of its range.</exception>
    public static float[] Resample(ReadOnlySpan<float> input, int fromRate, int toRate, ResamplerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromRate, MaxRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(toRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toRate, MaxRate);
        if ((long)toRate * MaxDownsamplingFactor < fromRate)
        {
            throw new ArgumentOutOfRangeException(nameof(toRate), toRate, $"Downsampling from {fromRate} Hz to {toRate} Hz is a factor above {MaxDownsamplingFactor}.");
        }

        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        if (fromRate == toRate)
        {
            return input.ToArray();
        }

        int outputLength = OutputLength(input.Length, fromRate, toRate);
        var output = new float[outputLength];
        if (outputLength == 0)
        {
            return output;
        }

        int gcd = Gcd(fromRate, toRate);
        SincFilterBank bank = GetFilterBank(toRate / gcd, fromRate / gcd, options);
        bank.Apply(input, output);
        return output;
    }

    /// <summary>
    /// Resamples into <paramref name="output"/>, which may be shorter or longer than <see cref="OutputLength"/> by a few
    /// samples: it is filled from time 0, and samples past the input's end come out as the filter's fade to zero.
    /// </summary>
    internal static void ResampleInto(ReadOnlySpan<float> input, int fromRate, int toRate, ResamplerOptions options, Span<float> output)
    {
        if (output.IsEmpty)
        {
            return;
        }

        if (fromRate == toRate)
        {
            int copied = Math.Min(input.Length, output.Length);
            input[..copied].CopyTo(output);
            output[copied..].Clear();
            return;
        }

        int gcd = Gcd(fromRate, toRate);
        GetFilterBank(toRate / gcd, fromRate / gcd, options).Apply(input, output);
    }

    /// <summary>The filter <see cref="Resample(ReadOnlySpan{float}, int, int, ResamplerOptions)"/> uses between two different rates.</summary>
    internal static SincFilterBank FilterBank(int fromRate, int toRate, ResamplerOptions options)
    {
        int gcd = Gcd(fromRate, toRate);
        return GetFilterBank(toRate / gcd, fromRate / gcd, options);
    }

    /// <summary>The length <see cref="Resample(ReadOnlySpan{float}, int, int)"/> returns: round(n · toRate / fromRate), halves up.</summary>
    public static int OutputLength(int inputLength, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(fromRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(toRate, 1);
        long length = ((long)inputLength * toRate * 2 + fromRate) / (2L * fromRate);
        if (length > Array.MaxLength)
        {
            throw new ArgumentException($"Resampling {inputLength} samples from {fromRate} Hz to {toRate} Hz gives {length} samples, more than an array holds.", nameof(inputLength));
        }

        return (int)length;
    }

    private static SincFilterBank GetFilterBank(int up, int down, ResamplerOptions options)
    {
        var key = (up, down, options);
        if (s_filters.TryGetValue(key, out SincFilterBank? bank))
        {
            return bank;
        }

        // Rates come from files; keep the cache from growing without bound.
        if (s_filters.Count >= MaxCachedFilters)
        {
            s_filters.Clear();
        }

        return s_filters.GetOrAdd(key, static k => new SincFilterBank(k.Up, k.Down, k.Options));
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}

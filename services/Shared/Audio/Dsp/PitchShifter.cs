namespace VoiceFleet.Audio.Dsp;

/// <summary>
/// Shifts the pitch of a mono signal by a number of semitones and keeps its length: the signal is first stretched in
/// time by the pitch ratio with WSOLA (overlap-add of windowed grains, each placed where it best continues the
/// previous one, so periodic speech keeps its phase), then resampled back to its length, which moves every frequency
/// by the ratio. Formants move with the pitch, as with any resampling shifter; for the ±12 semitones allowed this is a
/// change of voice, not an artefact.
/// </summary>
public static class PitchShifter
{
    /// <summary>The largest shift either way, in semitones.</summary>
    public const double MaxSemitones = 12;

    private const double GrainSeconds = 0.030;
    private const double SearchSeconds = 0.012;

    /// <summary>Returns <paramref name="samples"/> shifted by <paramref name="semitones"/>, as many samples as the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shift is beyond ±<see cref="MaxSemitones"/> or the rate is not positive.</exception>
    public static float[] Shift(ReadOnlySpan<float> samples, int sampleRate, double semitones)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (!(Math.Abs(semitones) <= MaxSemitones))
        {
            throw new ArgumentOutOfRangeException(nameof(semitones), semitones, $"The shift must be within ±{MaxSemitones} semitones.");
        }

        if (semitones == 0 || samples.Length == 0)
        {
            return samples.ToArray();
        }

        double ratio = Math.Pow(2, semitones / 12);
        var stretched = Stretch(samples, sampleRate, ratio);

        // Played back `ratio` times faster, the stretched signal has the original length and every frequency × ratio.
        int fromRate = (int)Math.Round(sampleRate * ratio);
        var shifted = SincResampler.Resample(stretched, fromRate, sampleRate);
        var result = new float[samples.Length];
        shifted.AsSpan(0, Math.Min(shifted.Length, result.Length)).CopyTo(result);
        return result;
    }

    /// <summary>Time-stretches by <paramref name="factor"/> (2 = twice as long) with WSOLA, keeping the pitch.</summary>
    internal static float[] Stretch(ReadOnlySpan<float> input, int sampleRate, double factor)
    {
        int grain = Math.Max(16, (int)(GrainSeconds * sampleRate)) & ~1;
        int hop = grain / 2;
        int search = (int)(SearchSeconds * sampleRate);
        int outputLength = (int)Math.Ceiling(input.Length * factor);
        var output = new double[outputLength + grain];
        var weight = new double[outputLength + grain];
        var window = new double[grain];
        for (int i = 0; i < grain; i++)
        {
            window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / grain);
        }

        int previous = 0;
        for (int k = 0; k * hop < outputLength; k++)
        {
            int nominal = (int)(k * hop / factor);
            int chosen = nominal;
            if (k > 0)
            {
                // Best continuation of the last grain: the natural next piece is previous + hop.
                int natural = previous + hop;
                double best = double.NegativeInfinity;
                for (int delta = -search; delta <= search; delta++)
                {
                    int start = nominal + delta;
                    if (start < 0 || start + hop > input.Length || natural + hop > input.Length)
                    {
                        continue;
                    }

                    double score = 0;
                    for (int i = 0; i < hop; i += 2)
                    {
                        score += input[start + i] * input[natural + i];
                    }

                    if (score > best)
                    {
                        best = score;
                        chosen = start;
                    }
                }
            }

            chosen = Math.Clamp(chosen, 0, Math.Max(0, input.Length - 1));
            int at = k * hop;
            for (int i = 0; i < grain && chosen + i < input.Length; i++)
            {
                output[at + i] += input[chosen + i] * window[i];
                weight[at + i] += window[i];
            }

            previous = chosen;
        }

        var result = new float[outputLength];
        for (int i = 0; i < outputLength; i++)
        {
            result[i] = weight[i] > 1e-6 ? (float)(output[i] / weight[i]) : 0f;
        }

        return result;
    }
}

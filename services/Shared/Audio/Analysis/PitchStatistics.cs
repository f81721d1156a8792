namespace VoiceFleet.Audio.Analysis;

/// <summary>
/// A summary of an F0 contour over its voiced frames. With no voiced frame every frequency figure is 0.
/// </summary>
public sealed record PitchStatistics
{
    private PitchStatistics(int frames, int voicedFrames, double meanHz, double medianHz, double stdSemitones)
    {
        Frames = frames;
        VoicedFrames = voicedFrames;
        MeanHz = meanHz;
        MedianHz = medianHz;
        StdSemitones = stdSemitones;
    }

    /// <summary>All frames of the contour.</summary>
    public int Frames { get; }

    /// <summary>Frames with an F0 (above 0).</summary>
    public int VoicedFrames { get; }

    /// <summary>VoicedFrames / Frames; 0 for an empty contour.</summary>
    public double VoicedRatio => Frames == 0 ? 0 : (double)VoicedFrames / Frames;

    /// <summary>The mean F0 of the voiced frames in Hz.</summary>
    public double MeanHz { get; }

    /// <summary>The median F0 of the voiced frames in Hz.</summary>
    public double MedianHz { get; }

    /// <summary>
    /// The pitch range: the standard deviation of 12·log2(f0 / median) over the voiced frames, in semitones
    /// (about 0 for a steady tone, 2–4 for expressive speech).
    /// </summary>
    public double StdSemitones { get; }

    /// <summary>The statistics of a contour in Hz where 0 (or anything not above 0, NaN included) marks an unvoiced frame.</summary>
    public static PitchStatistics FromContour(ReadOnlySpan<float> frequenciesHz)
    {
        var voiced = new List<double>(frequenciesHz.Length);
        foreach (float f in frequenciesHz)
        {
            if (f > 0 && float.IsFinite(f))
            {
                voiced.Add(f);
            }
        }

        if (voiced.Count == 0)
        {
            return new PitchStatistics(frequenciesHz.Length, 0, 0, 0, 0);
        }

        voiced.Sort();
        int count = voiced.Count;
        double median = count % 2 == 1 ? voiced[count / 2] : 0.5 * (voiced[count / 2 - 1] + voiced[count / 2]);
        double sum = 0;
        foreach (double f in voiced)
        {
            sum += f;
        }

        double meanSemitones = 0;
        foreach (double f in voiced)
        {
            meanSemitones += Semitones(f, median);
        }

        meanSemitones /= count;
        double variance = 0;
        foreach (double f in voiced)
        {
            double deviation = Semitones(f, median) - meanSemitones;
            variance += deviation * deviation;
        }

        return new PitchStatistics(frequenciesHz.Length, count, sum / count, median, Math.Sqrt(variance / count));
    }

    private static double Semitones(double f, double reference) => 12.0 * Math.Log2(f / reference);
}

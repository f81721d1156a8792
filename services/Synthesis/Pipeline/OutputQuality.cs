using VoiceFleet.Audio.Analysis;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>The quality signals of one output (exported per model version; the release gates read them).</summary>
internal sealed record QualityReport(long NonFiniteSamples, double ClippingRatio, double SilenceRatio, double LoudnessLufs, double PeakDbfs)
{
    /// <summary>Level under which a 10 ms frame counts as silent, dBFS.</summary>
    public const double SilenceThresholdDbfs = -50;

    /// <summary>Measures <paramref name="audio"/> (already sanitised) that had <paramref name="nonFinite"/> NaN/∞ samples.</summary>
    public static QualityReport Measure(ReadOnlySpan<float> audio, int sampleRate, long nonFinite)
    {
        if (audio.IsEmpty)
        {
            return new QualityReport(nonFinite, 0, 1, Loudness.Floor, double.NegativeInfinity);
        }

        int frame = Math.Max(1, sampleRate / 100);
        var envelope = SignalStatistics.RmsEnvelope(audio, frame, frame);
        double threshold = Math.Pow(10, SilenceThresholdDbfs / 20);
        int silent = 0;
        foreach (var level in envelope)
        {
            if (level < threshold)
            {
                silent++;
            }
        }

        double peak = SignalStatistics.Peak(audio);
        return new QualityReport(
            nonFinite,
            SignalStatistics.ClippingRatio(audio),
            envelope.Length == 0 ? 1 : (double)silent / envelope.Length,
            Loudness.Integrated(audio, sampleRate),
            peak > 0 ? 20 * Math.Log10(peak) : -200);
    }
}

/// <summary>What a finished request produced, for metrics.</summary>
internal sealed record OutputSummary(double AudioSeconds, QualityReport Quality);

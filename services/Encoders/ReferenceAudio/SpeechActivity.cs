using VoiceFleet.Audio.Analysis;

namespace VoiceFleet.Encoders.ReferenceAudio;

/// <summary>
/// Where the speech is in a clip, by frame energy: 20 ms frames every 10 ms; the noise floor is the 10th
/// percentile of frame levels; a frame is speech when it is above the silence floor, within 40 dB of the
/// loudest frame and 9 dB over the noise floor; a 150 ms hangover bridges short pauses between words.
/// </summary>
internal sealed class SpeechActivity
{
    private const double FrameSeconds = 0.020;
    private const double HopSeconds = 0.010;
    private const double FloorDb = -120;
    private const int HangoverFrames = 15;
    private const double PaddingSeconds = 0.05;

    private SpeechActivity(int hop, int frameLength, double[] levels, bool[] speech, double noiseFloorDb, double peakDb)
    {
        Hop = hop;
        FrameLength = frameLength;
        Levels = levels;
        Speech = speech;
        NoiseFloorDb = noiseFloorDb;
        PeakDb = peakDb;
    }

    public int Hop { get; }

    public int FrameLength { get; }

    /// <summary>Frame levels, dBFS of mean square (a full-scale sine is −3 dB).</summary>
    public double[] Levels { get; }

    /// <summary>Whether each frame is speech.</summary>
    public bool[] Speech { get; }

    public double NoiseFloorDb { get; }

    public double PeakDb { get; }

    public bool HasSpeech => Array.IndexOf(Speech, true) >= 0;

    public static SpeechActivity Analyse(ReadOnlySpan<float> samples, int sampleRate, double silenceFloorDbfs)
    {
        var hop = Math.Max(1, (int)(sampleRate * HopSeconds));
        var frameLength = Math.Max(1, (int)(sampleRate * FrameSeconds));
        var envelope = SignalStatistics.RmsEnvelope(samples, frameLength, hop);
        var frames = Math.Max(1, envelope.Length);
        var levels = new double[frames];
        Array.Fill(levels, FloorDb);
        for (var f = 0; f < envelope.Length; f++)
        {
            levels[f] = Math.Max(FloorDb, 20 * Math.Log10(envelope[f] + 1e-15));
        }

        var sorted = (double[])levels.Clone();
        Array.Sort(sorted);
        var noise = sorted[(int)(0.1 * (sorted.Length - 1))];
        var peak = sorted[^1];
        var threshold = Math.Max(silenceFloorDbfs, Math.Max(peak - 40, noise + 9));
        var speech = new bool[frames];
        var hang = 0;
        for (var f = 0; f < frames; f++)
        {
            if (levels[f] >= threshold)
            {
                speech[f] = true;
                hang = HangoverFrames;
            }
            else if (hang > 0)
            {
                speech[f] = true;
                hang--;
            }
        }

        // The hangover bridges pauses between words, never the silence after the last one.
        var lastLoud = Array.FindLastIndex(levels, level => level >= threshold);
        for (var f = lastLoud + 1; f < frames; f++)
        {
            speech[f] = false;
        }

        return new SpeechActivity(hop, frameLength, levels, speech, noise, peak);
    }

    /// <summary>The sample range from the first to the last speech frame, with 50 ms of padding each side.</summary>
    public (int Start, int End) SpeechBounds(int sampleCount, int sampleRate)
    {
        var first = Array.IndexOf(Speech, true);
        var last = Array.LastIndexOf(Speech, true);
        if (first < 0)
        {
            return (0, 0);
        }

        var padding = (int)(PaddingSeconds * sampleRate);
        var start = Math.Max(0, (first * Hop) - padding);
        var end = Math.Min(sampleCount, (last * Hop) + FrameLength + padding);
        return (start, end);
    }

    /// <summary>Frames of speech between the bounds.</summary>
    public int SpeechFrames() => Speech.Count(s => s);

    /// <summary>Seconds each frame stands for.</summary>
    public static double FrameStep => HopSeconds;

    /// <summary>Estimated SNR: mean power of speech frames over mean power of the other frames (or the noise floor), capped at 100 dB.</summary>
    public double SignalToNoiseDb()
    {
        double speechPower = 0, noisePower = 0;
        int speechCount = 0, noiseCount = 0;
        for (var f = 0; f < Levels.Length; f++)
        {
            var power = Math.Pow(10, Levels[f] / 10);
            if (Speech[f])
            {
                speechPower += power;
                speechCount++;
            }
            else
            {
                noisePower += power;
                noiseCount++;
            }
        }

        if (speechCount == 0)
        {
            return 0;
        }

        var noise = noiseCount > 0 ? noisePower / noiseCount : Math.Pow(10, NoiseFloorDb / 10);
        var snr = 10 * Math.Log10((speechPower / speechCount) / Math.Max(noise, 1e-12));
        return Math.Clamp(snr, -100, 100);
    }
}

namespace VoiceFleet.Audio.Analysis;

/// <summary>
/// An F0 contour from <see cref="PitchTracker"/>: one frequency per frame in Hz, 0 for an unvoiced frame.
/// </summary>
public sealed class PitchTrack
{
    internal PitchTrack(float[] frequencies, int sampleRate, int frameLength, int hopLength)
    {
        Frequencies = frequencies;
        SampleRate = sampleRate;
        FrameLength = frameLength;
        HopLength = hopLength;
        Statistics = PitchStatistics.FromContour(frequencies);
    }

    /// <summary>F0 of every frame in Hz; 0 marks an unvoiced (or silent) frame.</summary>
    public float[] Frequencies { get; }

    /// <summary>The sample rate of the analysed signal.</summary>
    public int SampleRate { get; }

    /// <summary>Samples per analysis frame.</summary>
    public int FrameLength { get; }

    /// <summary>Samples between frame starts.</summary>
    public int HopLength { get; }

    /// <summary>The summary over the voiced frames.</summary>
    public PitchStatistics Statistics { get; }

    /// <summary>The time of the centre of <paramref name="frame"/> in seconds: (frame · hop + length / 2) / rate.</summary>
    public double TimeOf(int frame) => (frame * (double)HopLength + FrameLength / 2.0) / SampleRate;
}

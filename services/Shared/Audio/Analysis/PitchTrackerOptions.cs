namespace VoiceFleet.Audio.Analysis;

/// <summary>The settings of <see cref="PitchTracker"/>.</summary>
public sealed record PitchTrackerOptions
{
    /// <summary>The lowest F0 searched, in Hz.</summary>
    public double MinFrequency { get; init; } = 50;

    /// <summary>The highest F0 searched, in Hz.</summary>
    public double MaxFrequency { get; init; } = 600;

    /// <summary>Analysis frame length in milliseconds (at most 1000); it must hold 1.5 periods of <see cref="MinFrequency"/>.</summary>
    public double FrameLengthMs { get; init; } = 40;

    /// <summary>Hop between frame starts in milliseconds (at most 1000).</summary>
    public double HopLengthMs { get; init; } = 10;

    /// <summary>
    /// YIN's absolute threshold (0 … 1) on the cumulative mean normalised difference: a frame is voiced when
    /// the difference dips below it within the search range. Lower is stricter.
    /// </summary>
    public double VoicingThreshold { get; init; } = 0.15;

    /// <summary>Frames whose RMS is below this level in dBFS (20·log10 of the RMS) are unvoiced without analysis.</summary>
    public double SilenceThresholdDbfs { get; init; } = -60;
}

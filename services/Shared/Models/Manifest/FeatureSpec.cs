namespace VoiceFleet.Models.Manifest;

/// <summary>The audio features an encoder reads (<c>features</c>, encoder bundles only).</summary>
public sealed record FeatureSpec
{
    /// <summary>The feature type (<c>type</c>), e.g. <c>kaldi-fbank</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The sample rate audio is resampled to first, in Hz (<c>sampleRate</c>).</summary>
    public int SampleRate { get; init; }

    /// <summary>Feature bins per frame (<c>bins</c>).</summary>
    public int Bins { get; init; }

    /// <summary>The analysis window in milliseconds (<c>frameLengthMs</c>).</summary>
    public double FrameLengthMs { get; init; }

    /// <summary>The hop between frames in milliseconds (<c>frameShiftMs</c>).</summary>
    public double FrameShiftMs { get; init; }

    /// <summary>Whether each bin's mean over the utterance is subtracted (<c>meanNormalize</c>).</summary>
    public bool MeanNormalize { get; init; }
}

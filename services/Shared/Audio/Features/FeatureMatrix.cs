namespace VoiceFleet.Audio.Features;

/// <summary>A matrix of frame features, <see cref="Frames"/> × <see cref="Bins"/>, stored row-major in one array.</summary>
public sealed class FeatureMatrix
{
    /// <summary>A matrix over <paramref name="data"/> (kept, not copied), laid out as [frame, bin].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frames"/> or <paramref name="bins"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not hold exactly frames × bins values.</exception>
    public FeatureMatrix(int frames, int bins, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfNegative(bins);
        ArgumentNullException.ThrowIfNull(data);
        if ((long)frames * bins != data.Length)
        {
            throw new ArgumentException($"A {frames} × {bins} matrix holds {(long)frames * bins} values; the data has {data.Length}.", nameof(data));
        }

        Frames = frames;
        Bins = bins;
        Data = data;
    }

    /// <summary>How many frames (rows).</summary>
    public int Frames { get; }

    /// <summary>How many values per frame (columns).</summary>
    public int Bins { get; }

    /// <summary>All values, row-major: the value of frame f, bin b is at <c>f * Bins + b</c>.</summary>
    public float[] Data { get; }

    /// <summary>The value of <paramref name="frame"/>, <paramref name="bin"/>.</summary>
    public float this[int frame, int bin]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bin);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bin, Bins);
            return Row(frame)[bin];
        }
    }

    /// <summary>The values of one frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not below <see cref="Frames"/>.</exception>
    public ReadOnlySpan<float> Row(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Frames);
        return Data.AsSpan(frame * Bins, Bins);
    }
}

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// The pattern's cells of the watermark band, one row per analysis frame, computed once per frame and kept for the
/// first <see cref="CachedFrames"/> frames (about 33 s); later frames are computed each time. A cell costs two hashes
/// and a sine and cosine, which made up the largest part of marking a clip.
/// </summary>
internal sealed class PatternRows(WatermarkPattern pattern, int lowBin, int bins)
{
    /// <summary>Frames kept: 2048 × 16 ms ≈ 33 s, about 3.5 KB per frame for the default band.</summary>
    public const int CachedFrames = 2048;

    private readonly Row?[] rows = new Row?[CachedFrames];

    /// <summary>Frame <paramref name="frame"/>'s cells, bin <c>lowBin</c> first.</summary>
    public Row Get(int frame)
    {
        if ((uint)frame >= CachedFrames)
        {
            return Build(frame);
        }

        // Two threads may build the same row: both get equal values, one of them is kept.
        return Volatile.Read(ref rows[frame]) ?? Interlocked.CompareExchange(ref rows[frame], Build(frame), null) ?? rows[frame]!;
    }

    private Row Build(int frame)
    {
        var row = new Row(new byte[bins], new double[bins], new double[bins]);
        for (int j = 0; j < bins; j++)
        {
            row.Bits[j] = (byte)pattern.Cell(frame, lowBin + j, out row.Cos[j], out row.Sin[j]);
        }

        return row;
    }

    /// <summary>One frame's cells: the coded bit each carries and its chip (cos θ, sin θ).</summary>
    internal sealed record Row(byte[] Bits, double[] Cos, double[] Sin);
}

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// Per-bucket counts (not cumulative, so recording touches one counter) and the sum of one histogram series.
/// </summary>
internal sealed class HistogramCell : SeriesCell
{
    // Linear search beats binary search for the short bound lists histograms usually have.
    private const int LinearSearchLimit = 16;

    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;

    /// <param name="labelText">The series' canonical labels.</param>
    /// <param name="bounds">Finite upper bounds, strictly increasing; the +Inf bucket is implied.</param>
    public HistogramCell(string labelText, double[] bounds)
        : base(labelText)
    {
        _bounds = bounds;
        _counts = new long[bounds.Length + 1];
    }

    public void Record(double value)
    {
        Interlocked.Increment(ref _counts[FindBucket(value)]);
        AtomicDouble.Add(ref _sum, value);
    }

    /// <summary>
    /// Reads counts and sum. The count is the sum of the buckets read, so <c>_count</c> always equals
    /// the +Inf bucket even while other threads record.
    /// </summary>
    public void Read(long[] counts, out double sum)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _counts[i]);
        }

        sum = Volatile.Read(ref _sum);
    }

    private int FindBucket(double value)
    {
        var bounds = _bounds;
        if (bounds.Length <= LinearSearchLimit)
        {
            for (var i = 0; i < bounds.Length; i++)
            {
                // Upper bounds are inclusive: le="0.1" counts observations <= 0.1.
                if (value <= bounds[i])
                {
                    return i;
                }
            }

            return bounds.Length;
        }

        var index = Array.BinarySearch(bounds, value);
        return index >= 0 ? index : ~index;
    }
}

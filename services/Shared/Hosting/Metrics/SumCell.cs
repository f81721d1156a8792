namespace VoiceFleet.Hosting.Metrics;

/// <summary>A running total (counters and up-down counters).</summary>
internal sealed class SumCell(string labelText) : SeriesCell(labelText)
{
    private double _sum;

    public double Value => Volatile.Read(ref _sum);

    public void Add(double value) => AtomicDouble.Add(ref _sum, value);
}

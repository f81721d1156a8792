namespace VoiceFleet.Hosting.Metrics;

/// <summary>The most recent value (gauges, and observations of observable instruments).</summary>
internal sealed class LastValueCell(string labelText) : SeriesCell(labelText)
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Set(double value) => Volatile.Write(ref _value, value);
}

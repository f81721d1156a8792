using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>Counter (monotonic, exported as a counter) or UpDownCounter (exported as a gauge).</summary>
internal sealed class SumInstrumentState : InstrumentState
{
    private readonly SeriesStore<SumCell> _series;
    private readonly bool _monotonic;

    public SumInstrumentState(Instrument instrument, string familyName, MetricType type, long sequence, LabelSetFormatter labels, int maxSeries)
        : base(instrument, familyName, type, sequence)
    {
        _monotonic = type == MetricType.Counter;
        _series = new SeriesStore<SumCell>(labels, maxSeries, static labelText => new SumCell(labelText));
    }

    public override long DroppedMeasurements => _series.DroppedMeasurements;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A Prometheus counter never goes down; a negative or NaN increment would break rate().
        if (_monotonic && !(value >= 0))
        {
            return;
        }

        _series.Find(tags)?.Add(value);
    }

    public override void WriteTo(MetricFamily family)
    {
        foreach (var cell in _series.Snapshot())
        {
            family.AddScalar(cell.LabelText, cell.Value, additive: true);
        }
    }
}

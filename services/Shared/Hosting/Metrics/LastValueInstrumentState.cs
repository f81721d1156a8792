using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>A synchronous <see cref="Gauge{T}"/>: each series keeps the last value recorded.</summary>
internal sealed class LastValueInstrumentState : InstrumentState
{
    private readonly SeriesStore<LastValueCell> _series;

    public LastValueInstrumentState(Instrument instrument, string familyName, long sequence, LabelSetFormatter labels, int maxSeries)
        : base(instrument, familyName, MetricType.Gauge, sequence)
    {
        _series = new SeriesStore<LastValueCell>(labels, maxSeries, static labelText => new LastValueCell(labelText));
    }

    public override long DroppedMeasurements => _series.DroppedMeasurements;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.Find(tags)?.Set(value);

    public override void WriteTo(MetricFamily family)
    {
        foreach (var cell in _series.Snapshot())
        {
            family.AddScalar(cell.LabelText, cell.Value, additive: false);
        }
    }
}

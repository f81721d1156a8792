using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>A <see cref="Histogram{T}"/> with explicit buckets.</summary>
internal sealed class HistogramInstrumentState : InstrumentState
{
    private readonly SeriesStore<HistogramCell> _series;
    private readonly double[] _bounds;

    public HistogramInstrumentState(Instrument instrument, string familyName, long sequence, LabelSetFormatter labels, int maxSeries, double[] bounds)
        : base(instrument, familyName, MetricType.Histogram, sequence)
    {
        _bounds = bounds;
        _series = new SeriesStore<HistogramCell>(labels, maxSeries, labelText => new HistogramCell(labelText, bounds));
    }

    public override double[] Bounds => _bounds;

    public override long DroppedMeasurements => _series.DroppedMeasurements;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // One NaN would turn _sum into NaN for the life of the process.
        if (double.IsNaN(value))
        {
            return;
        }

        _series.Find(tags)?.Record(value);
    }

    public override void WriteTo(MetricFamily family)
    {
        foreach (var cell in _series.Snapshot())
        {
            var counts = new long[_bounds.Length + 1];
            cell.Read(counts, out var sum);
            family.AddHistogram(cell.LabelText, counts, sum);
        }
    }
}

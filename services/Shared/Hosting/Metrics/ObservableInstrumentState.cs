using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// ObservableCounter, ObservableUpDownCounter and ObservableGauge. Their callbacks report current
/// values on each scrape, so the series are rebuilt per collection: a label set the callback no
/// longer reports disappears instead of lingering with a stale value.
/// </summary>
internal sealed class ObservableInstrumentState : InstrumentState
{
    private readonly Dictionary<string, double> _observations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly LabelSetFormatter _labels;
    private readonly int _maxSeries;
    private readonly bool _additive;
    private long _droppedMeasurements;

    public ObservableInstrumentState(Instrument instrument, string familyName, MetricType type, long sequence, LabelSetFormatter labels, int maxSeries, bool additive)
        : base(instrument, familyName, type, sequence)
    {
        _labels = labels;
        _maxSeries = maxSeries;
        _additive = additive;
    }

    public override bool IsObservable => true;

    public override long DroppedMeasurements => Interlocked.Read(ref _droppedMeasurements);

    public override void BeginCollection()
    {
        lock (_gate)
        {
            _observations.Clear();
        }
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Only reached during a scrape, so formatting the labels every time costs nothing that matters.
        var labelText = _labels.Format(tags);
        lock (_gate)
        {
            if (_observations.Count >= _maxSeries && !_observations.ContainsKey(labelText))
            {
                Interlocked.Increment(ref _droppedMeasurements);
                return;
            }

            // Observations are cumulative values or current levels: the last one reported wins.
            _observations[labelText] = value;
        }
    }

    public override void WriteTo(MetricFamily family)
    {
        lock (_gate)
        {
            foreach (var (labelText, value) in _observations)
            {
                family.AddScalar(labelText, value, _additive);
            }
        }
    }
}

using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>Maps a published instrument to its Prometheus type, name and aggregator.</summary>
internal sealed class InstrumentStateFactory
{
    private readonly LabelSetFormatter _labels;
    private readonly LabelSetFormatter _histogramLabels;
    private readonly double[] _defaultBounds;

    public InstrumentStateFactory(IEnumerable<KeyValuePair<string, string>> constantLabels, double[] defaultBounds)
    {
        var labels = constantLabels.ToArray();
        _labels = new LabelSetFormatter(labels, reserveLe: false);
        _histogramLabels = new LabelSetFormatter(labels, reserveLe: true);
        _defaultBounds = defaultBounds;
    }

    /// <summary>The aggregator for <paramref name="instrument"/>, or null for a kind this exporter does not know.</summary>
    /// <param name="instrument">The published instrument.</param>
    /// <param name="sequence">Its publication order.</param>
    /// <param name="maxSeries">The most label sets it may keep.</param>
    public InstrumentState? Create(Instrument instrument, long sequence, int maxSeries)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var kind = type.GetGenericTypeDefinition();
        var name = PrometheusText.SanitizeMetricName(instrument.Name);
        if (kind == typeof(Counter<>))
        {
            return new SumInstrumentState(instrument, CounterName(name), MetricType.Counter, sequence, _labels, maxSeries);
        }

        if (kind == typeof(UpDownCounter<>))
        {
            return new SumInstrumentState(instrument, name, MetricType.Gauge, sequence, _labels, maxSeries);
        }

        if (kind == typeof(Gauge<>))
        {
            return new LastValueInstrumentState(instrument, name, sequence, _labels, maxSeries);
        }

        if (kind == typeof(Histogram<>))
        {
            var bounds = AdvisedBounds(instrument) ?? _defaultBounds;
            return new HistogramInstrumentState(instrument, name, sequence, _histogramLabels, maxSeries, bounds);
        }

        // An observable counter reports a running total, which is exactly a Prometheus counter
        // (process_cpu_seconds_total is one); as a gauge it would lose counter-reset handling in rate().
        if (kind == typeof(ObservableCounter<>))
        {
            return new ObservableInstrumentState(instrument, CounterName(name), MetricType.Counter, sequence, _labels, maxSeries, additive: true);
        }

        if (kind == typeof(ObservableUpDownCounter<>))
        {
            return new ObservableInstrumentState(instrument, name, MetricType.Gauge, sequence, _labels, maxSeries, additive: true);
        }

        if (kind == typeof(ObservableGauge<>))
        {
            return new ObservableInstrumentState(instrument, name, MetricType.Gauge, sequence, _labels, maxSeries, additive: false);
        }

        return null;
    }

    private static string CounterName(string name) =>
        name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total";

    private static double[]? AdvisedBounds(Instrument instrument)
    {
        var advised = instrument switch
        {
            Instrument<double> i => i.Advice?.HistogramBucketBoundaries?.Select(b => b),
            Instrument<float> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<long> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<short> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<byte> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<decimal> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };

        if (advised is null)
        {
            return null;
        }

        // Advice is already ascending (InstrumentAdvice checks); +Inf is implied and float
        // conversion may make neighbours equal, so keep only finite, strictly increasing bounds.
        var bounds = new List<double>();
        foreach (var bound in advised)
        {
            if (double.IsFinite(bound) && (bounds.Count == 0 || bound > bounds[^1]))
            {
                bounds.Add(bound);
            }
        }

        return bounds.Count == 0 ? null : [.. bounds];
    }
}

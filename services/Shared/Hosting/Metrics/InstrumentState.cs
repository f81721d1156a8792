using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// Everything the exporter keeps for one instrument: how it maps to a metric family and the
/// aggregated series. Passed as the listener's per-instrument state, so a measurement reaches its
/// aggregator without a lookup.
/// </summary>
internal abstract class InstrumentState(Instrument instrument, string familyName, MetricType type, long sequence)
{
    public Instrument Instrument { get; } = instrument;

    /// <summary>The sanitized metric name (with <c>_total</c> for counters).</summary>
    public string FamilyName { get; } = familyName;

    public MetricType Type { get; } = type;

    /// <summary>Publication order, the last tie-breaker for a deterministic scrape.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Histogram bucket bounds; null for other types.</summary>
    public virtual double[]? Bounds => null;

    public virtual bool IsObservable => false;

    public virtual long DroppedMeasurements => 0;

    /// <summary>Set once a warning about this instrument was logged, so a scrape does not repeat it.</summary>
    public bool SeriesLimitLogged { get; set; }

    /// <summary>Set once a name conflict with another instrument was logged.</summary>
    public bool ConflictLogged { get; set; }

    /// <summary>Called by the listener for every measurement, on the recording thread.</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Starts a collection of observable instruments: their previous observations are forgotten.</summary>
    public virtual void BeginCollection()
    {
    }

    /// <summary>Adds this instrument's current series to <paramref name="family"/>.</summary>
    public abstract void WriteTo(MetricFamily family);
}

using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// Listens to the <see cref="System.Diagnostics.Metrics"/> instruments of the configured meters,
/// aggregates their measurements in-process and writes them in the Prometheus text exposition
/// format 0.0.4 on each scrape.
/// </summary>
/// <remarks>
/// Recording stays cheap: after the first measurement of a label set, a measurement is a lock-free
/// lookup and an atomic update, with no allocation. Observable instruments are read during the scrape.
/// Register it with <see cref="PrometheusMetricsServiceCollectionExtensions.AddPrometheusMetrics"/> and
/// serve it with <see cref="PrometheusMetricsEndpointRouteBuilderExtensions.MapPrometheusMetrics"/>.
/// </remarks>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The media type of the exposition: <c>text/plain; version=0.0.4; charset=utf-8</c>.</summary>
    public const string ContentType = PrometheusText.ContentType;

    private const string DroppedMeasurementsName = "voicefleet_metrics_dropped_measurements_total";
    private const string DroppedMeasurementsHelp = "Measurements dropped because their instrument reached its series limit, by metric.";

    private readonly MeterListener _listener;
    private readonly Lock _registryGate = new();
    private readonly List<InstrumentState> _instruments = [];
    private readonly Lock _scrapeGate = new();
    private readonly StringBuilder _text = new();
    private readonly string[] _meterPrefixes;
    private readonly int _maxSeries;
    private readonly InstrumentStateFactory _states;
    private readonly LabelSetFormatter _selfLabels;
    private readonly IMeterFactory? _meterFactory;
    private readonly ILogger _logger;
    private readonly ProcessMetrics? _processMetrics;
    private long _sequence;

    /// <summary>Starts listening at once: measurements recorded before construction are not seen.</summary>
    /// <param name="options">What to export; validated here as well as at host start.</param>
    /// <param name="meterFactory">
    /// The host's meter factory. When given, meters created by other hosts' factories in the same
    /// process are ignored, so each host exports only its own instruments (and static meters).
    /// </param>
    /// <param name="logger">Where series-limit, naming-conflict and callback failures are reported.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public PrometheusExporter(IOptions<PrometheusExporterOptions> options, IMeterFactory? meterFactory = null, ILogger<PrometheusExporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var validation = new PrometheusExporterOptionsValidator().Validate(Options.DefaultName, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PrometheusExporterOptions), validation.Failures);
        }

        _meterPrefixes = [.. settings.MeterPrefixes];
        _maxSeries = settings.MaxSeriesPerInstrument;
        var constantLabels = settings.ConstantLabels.ToArray();
        var bounds = (settings.HistogramBucketBoundaries ?? PrometheusExporterOptions.DefaultHistogramBucketBoundaries).ToArray();
        _states = new InstrumentStateFactory(constantLabels, bounds);
        _selfLabels = new LabelSetFormatter(constantLabels, reserveLe: false);
        _meterFactory = meterFactory;
        _logger = logger ?? (ILogger)NullLogger.Instance;

        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));

        // Created before Start so that Start publishes its instruments with the rest.
        _processMetrics = settings.IncludeProcessMetrics ? new ProcessMetrics() : null;
        _listener.Start();
    }

    /// <summary>
    /// Collects observable instruments and writes the current exposition to <paramref name="destination"/> as UTF-8.
    /// </summary>
    /// <param name="destination">Usually the HTTP response body.</param>
    /// <param name="cancellationToken">Cancels the write (for example when the scraper goes away).</param>
    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var text = Scrape();
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stops listening; the exporter writes nothing after this.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        _processMetrics?.Dispose();
    }

    /// <summary>Collects observable instruments and returns the exposition text.</summary>
    internal string Scrape()
    {
        // One scrape at a time: observable state is rebuilt per collection and the builder is shared.
        lock (_scrapeGate)
        {
            InstrumentState[] states;
            lock (_registryGate)
            {
                states = [.. _instruments];
            }

            foreach (var state in states)
            {
                if (state.IsObservable)
                {
                    state.BeginCollection();
                }
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException failures)
            {
                // One broken callback must not take the other metrics down with it.
                foreach (var failure in failures.InnerExceptions)
                {
                    PrometheusExporterLog.ObservationFailed(_logger, failure);
                }
            }

            var families = BuildFamilies(states);
            _text.Clear();
            foreach (var family in families)
            {
                if (!family.IsEmpty)
                {
                    family.WriteTo(_text);
                }
            }

            return _text.ToString();
        }
    }

    private List<MetricFamily> BuildFamilies(InstrumentState[] states)
    {
        // Meter name, version and publication order break ties, so merged families come out the same every time.
        Array.Sort(states, static (left, right) =>
        {
            var order = string.CompareOrdinal(left.FamilyName, right.FamilyName);
            if (order == 0)
            {
                order = string.CompareOrdinal(left.Instrument.Meter.Name, right.Instrument.Meter.Name);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(left.Instrument.Meter.Version, right.Instrument.Meter.Version);
            }

            return order != 0 ? order : left.Sequence.CompareTo(right.Sequence);
        });

        var families = new List<MetricFamily>();
        MetricFamily? dropped = null;
        MetricFamily? current = null;
        foreach (var state in states)
        {
            if (current is null || current.Name != state.FamilyName)
            {
                current = new MetricFamily(state.FamilyName, state.Type, state.Instrument.Description, state.Bounds);
                families.Add(current);
            }
            else if (!current.Accepts(state.Type, state.Bounds))
            {
                if (!state.ConflictLogged)
                {
                    state.ConflictLogged = true;
                    PrometheusExporterLog.FamilyConflict(_logger, state.Instrument.Name, state.Instrument.Meter.Name, state.FamilyName);
                }

                continue;
            }

            state.WriteTo(current);

            var droppedMeasurements = state.DroppedMeasurements;
            if (droppedMeasurements > 0)
            {
                if (!state.SeriesLimitLogged)
                {
                    state.SeriesLimitLogged = true;
                    PrometheusExporterLog.SeriesLimitReached(_logger, state.FamilyName, _maxSeries);
                }

                dropped ??= new MetricFamily(DroppedMeasurementsName, MetricType.Counter, DroppedMeasurementsHelp, bounds: null);
                dropped.AddScalar(_selfLabels.Format([new("metric", state.FamilyName)]), droppedMeasurements, additive: true);
            }
        }

        if (dropped is not null)
        {
            // The exporter's own family takes precedence over an instrument that happens to use its name.
            families.RemoveAll(family => family.Name == DroppedMeasurementsName);
            families.Add(dropped);
            families.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        }

        return families;
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var isProcessMetric = _processMetrics is not null && ReferenceEquals(instrument.Meter, _processMetrics.Meter);
        if (!isProcessMetric && !ShouldExport(instrument.Meter))
        {
            return;
        }

        // Process metrics have a fixed, small set of series; the configured cap is for application labels.
        var maxSeries = isProcessMetric ? ProcessMetrics.MaxSeries : _maxSeries;
        var state = _states.Create(instrument, Interlocked.Increment(ref _sequence), maxSeries);
        if (state is null)
        {
            return;
        }

        lock (_registryGate)
        {
            _instruments.Add(state);
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        // The meter was disposed (its host stopped, say): its families leave the exposition.
        if (state is InstrumentState instrumentState)
        {
            lock (_registryGate)
            {
                _instruments.Remove(instrumentState);
            }
        }
    }

    private bool ShouldExport(Meter meter)
    {
        // Another exporter's process meter: exporting it too would double-count the process.
        if (meter.Scope is ProcessMetrics)
        {
            return false;
        }

        if (!_meterPrefixes.Any(prefix => meter.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return false;
        }

        // Meters from another host's factory belong to that host's exporter.
        return meter.Scope is not IMeterFactory factory || _meterFactory is null || ReferenceEquals(factory, _meterFactory);
    }
}

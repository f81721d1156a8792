using System.Diagnostics.Metrics;

namespace VoiceFleet.Encoders.Diagnostics;

/// <summary>
/// The Encoders' own metrics (meter <c>VoiceFleet.Encoders</c>): cache lookups by tier and result, encoder
/// run time, fallbacks by warning code, rejected reference clips and admission rejections.
/// </summary>
internal sealed class EncodersMetrics
{
    private readonly Counter<long> _cacheLookups;
    private readonly Histogram<double> _encodeSeconds;
    private readonly Counter<long> _warnings;
    private readonly Counter<long> _rejected;

    public EncodersMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("VoiceFleet.Encoders");
        _cacheLookups = meter.CreateCounter<long>(
            "voicefleet_encoders_cache_lookups_total",
            description: "Embedding cache lookups by kind (speaker, emotion), tier (memory, store) and result (hit, miss).");
        _encodeSeconds = meter.CreateHistogram<double>(
            "voicefleet_encoders_encode_duration_seconds",
            unit: "s",
            description: "Time of one encoder run (resampling, features, ONNX) by kind, cache misses only.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _warnings = meter.CreateCounter<long>(
            "voicefleet_encoders_warnings_total",
            description: "Warnings returned (fallbacks and quality notes) by code.");
        _rejected = meter.CreateCounter<long>(
            "voicefleet_encoders_requests_rejected_total",
            description: "Requests refused before any encoder ran, by reason (busy).");
    }

    public void CacheLookup(string kind, string tier, bool hit) =>
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("tier", tier), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void EncodeTime(string kind, double seconds) => _encodeSeconds.Record(seconds, new KeyValuePair<string, object?>("kind", kind));

    public void Warning(string code) => _warnings.Add(1, new KeyValuePair<string, object?>("code", code));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}

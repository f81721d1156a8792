using System.Diagnostics;
using System.Diagnostics.Metrics;
using VoiceFleet.Gateway.Routing;

namespace VoiceFleet.Gateway.Diagnostics;

/// <summary>
/// The gateway's families (docs/metrics.md, "Serving-path families"): per track and model version, the
/// release controller's input. Label values come from fixed sets (tracks, slots, the routing's model
/// versions, method names of the contracts, status code names), never from the request's content.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "VoiceFleet.Gateway";

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _requestBytes;
    private readonly Counter<long> _responseBytes;
    private readonly Counter<long> _retriesToStable;
    private readonly Counter<long> _healthReroutes;
    private readonly Counter<long> _rejected;

    public GatewayMetrics(IMeterFactory meterFactory, RoutingState routing)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("voicefleet_gateway_requests_total", description: "Proxied requests by track, model version, method and gRPC code (REST: the HTTP status mapped to a gRPC code).");
        _duration = meter.CreateHistogram("voicefleet_gateway_request_duration_seconds", "s", "Proxied request in to response complete.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _inFlight = meter.CreateUpDownCounter<long>("voicefleet_gateway_in_flight", description: "Requests being proxied now.");
        _requestBytes = meter.CreateCounter<long>("voicefleet_gateway_request_bytes_total", "By", "Request body bytes proxied.");
        _responseBytes = meter.CreateCounter<long>("voicefleet_gateway_response_bytes_total", "By", "Response body bytes proxied.");
        _retriesToStable = meter.CreateCounter<long>("voicefleet_gateway_retries_to_stable_total", description: "Canary requests retried on stable before any byte was sent to the client.");
        _healthReroutes = meter.CreateCounter<long>("voicefleet_gateway_health_reroutes_total", description: "Requests sent to stable because the canary slot was unhealthy.");
        _rejected = meter.CreateCounter<long>("voicefleet_gateway_rejected_total", description: "Requests refused at the edge, by reason.");
        meter.CreateObservableGauge("voicefleet_gateway_canary_weight_basis_points", () => (long)routing.Current.CanaryWeightBps, description: "Canary weight of the routing in force, basis points.");
        meter.CreateObservableGauge("voicefleet_gateway_routing_revision", () => routing.Current.Revision, description: "Revision of the routing snapshot in force (0: none received).");
    }

    public void RequestStarted(string track) => _inFlight.Add(1, new KeyValuePair<string, object?>("track", track));

    public void RequestFinished(string track, string modelVersion, string method, string code, double seconds, long requestBytes, long responseBytes)
    {
        var trackTag = new KeyValuePair<string, object?>("track", track);
        _inFlight.Add(-1, trackTag);
        var tags = new TagList { trackTag, { "model_version", modelVersion }, { "grpc_method", method } };
        _duration.Record(seconds, tags);
        tags.Add("grpc_code", code);
        _requests.Add(1, tags);
        if (requestBytes > 0)
        {
            _requestBytes.Add(requestBytes, trackTag);
        }

        if (responseBytes > 0)
        {
            _responseBytes.Add(responseBytes, trackTag);
        }
    }

    public void RetriedToStable(string method) => _retriesToStable.Add(1, new KeyValuePair<string, object?>("grpc_method", method));

    public void HealthReroute(string slot) => _healthReroutes.Add(1, new KeyValuePair<string, object?>("slot", slot));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}

/// <summary>The <c>reason</c> values of <c>voicefleet_gateway_rejected_total</c>.</summary>
internal static class RejectReason
{
    public const string Unauthenticated = "unauthenticated";
    public const string PermissionDenied = "permission_denied";
    public const string RateLimited = "rate_limited";
    public const string TooLarge = "too_large";
}

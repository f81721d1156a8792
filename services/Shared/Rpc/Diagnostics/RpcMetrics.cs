using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoiceFleet.Rpc.Diagnostics;

/// <summary>
/// Per-method RPC metrics for servers and clients, on the <c>VoiceFleet.Rpc</c> meter:
/// calls by <c>grpc_code</c>, latency, calls in flight and message bytes.
/// </summary>
public sealed class RpcMetrics : IDisposable
{
    /// <summary>The meter name every RPC instrument lives on.</summary>
    public const string MeterName = "VoiceFleet.Rpc";

    /// <summary>Label value used for paths that name no known method, so unknown paths cannot explode cardinality.</summary>
    public const string UnknownMethod = "unknown";

    private static readonly double[] LatencyBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Meter _meter;
    private readonly Counter<long> _serverCalls;
    private readonly Histogram<double> _serverDuration;
    private readonly UpDownCounter<long> _serverInFlight;
    private readonly Counter<long> _serverReceivedBytes;
    private readonly Counter<long> _serverSentBytes;
    private readonly Counter<long> _clientCalls;
    private readonly Histogram<double> _clientDuration;
    private readonly UpDownCounter<long> _clientInFlight;
    private readonly Counter<long> _clientSentBytes;
    private readonly Counter<long> _clientReceivedBytes;
    private readonly Counter<long> _clientRetries;

    // grpc_method label values, computed once per method instead of per call.
    private readonly ConcurrentDictionary<string, string> _labels = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (the host's, so each host reports its own calls).</summary>
    public RpcMetrics(IMeterFactory meterFactory)
        : this(CreateMeter(meterFactory))
    {
    }

    private RpcMetrics(Meter meter)
    {
        _meter = meter;
        var latencyAdvice = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };

        _serverCalls = _meter.CreateCounter<long>("voicefleet_rpc_server_requests_total", description: "gRPC calls handled, by method and status code.");
        _serverDuration = _meter.CreateHistogram("voicefleet_rpc_server_duration_seconds", "s", "Time from receiving a call's headers to sending its status.", advice: latencyAdvice);
        _serverInFlight = _meter.CreateUpDownCounter<long>("voicefleet_rpc_server_in_flight", description: "gRPC calls being handled now.");
        _serverReceivedBytes = _meter.CreateCounter<long>("voicefleet_rpc_server_received_message_bytes_total", "By", "Bytes of request messages received as sent on the wire (compressed if compressed), excluding framing.");
        _serverSentBytes = _meter.CreateCounter<long>("voicefleet_rpc_server_sent_message_bytes_total", "By", "Bytes of response messages sent (excluding framing).");

        _clientCalls = _meter.CreateCounter<long>("voicefleet_rpc_client_requests_total", description: "gRPC calls made, by method and status code.");
        _clientDuration = _meter.CreateHistogram("voicefleet_rpc_client_duration_seconds", "s", "Time from starting a call to receiving its status.", advice: latencyAdvice);
        _clientInFlight = _meter.CreateUpDownCounter<long>("voicefleet_rpc_client_in_flight", description: "gRPC calls in progress from this process.");
        _clientSentBytes = _meter.CreateCounter<long>("voicefleet_rpc_client_sent_message_bytes_total", "By", "Bytes of request messages sent (excluding framing).");
        _clientReceivedBytes = _meter.CreateCounter<long>("voicefleet_rpc_client_received_message_bytes_total", "By", "Bytes of response messages received (excluding framing).");
        _clientRetries = _meter.CreateCounter<long>("voicefleet_rpc_client_retries_total", description: "Attempts retried: by the retry policy after UNAVAILABLE, or transparently after the server turned a stream away unprocessed.");
    }

    /// <summary>
    /// Metrics for clients created outside a host (the CLI, tools). Services pass the host's instance
    /// instead, so one process never exports the same family twice.
    /// </summary>
    public static RpcMetrics Standalone { get; } = new(new Meter(MeterName));

    internal void ServerCallStarted(string method)
    {
        if (_serverInFlight.Enabled)
        {
            _serverInFlight.Add(1, new KeyValuePair<string, object?>("grpc_method", method));
        }
    }

    internal void ServerCallEnded(string method, StatusCode code, TimeSpan elapsed)
    {
        var methodTag = new KeyValuePair<string, object?>("grpc_method", method);
        var codeTag = new KeyValuePair<string, object?>("grpc_code", CodeLabel(code));
        if (_serverInFlight.Enabled)
        {
            _serverInFlight.Add(-1, methodTag);
        }

        if (_serverCalls.Enabled)
        {
            _serverCalls.Add(1, methodTag, codeTag);
        }

        if (_serverDuration.Enabled)
        {
            _serverDuration.Record(elapsed.TotalSeconds, methodTag, codeTag);
        }
    }

    /// <summary>A call refused before it started (bad headers): counted, never in flight.</summary>
    internal void ServerCallRejected(string method, StatusCode code)
    {
        if (_serverCalls.Enabled)
        {
            _serverCalls.Add(1, new KeyValuePair<string, object?>("grpc_method", method), new KeyValuePair<string, object?>("grpc_code", CodeLabel(code)));
        }
    }

    /// <summary>A call to a method nobody serves.</summary>
    internal void ServerCallUnimplemented()
    {
        if (_serverCalls.Enabled)
        {
            _serverCalls.Add(1, new KeyValuePair<string, object?>("grpc_method", UnknownMethod), new KeyValuePair<string, object?>("grpc_code", CodeLabel(StatusCode.Unimplemented)));
        }
    }

    internal void ServerMessageReceived(string method, int bytes)
    {
        if (_serverReceivedBytes.Enabled)
        {
            _serverReceivedBytes.Add(bytes, new KeyValuePair<string, object?>("grpc_method", method));
        }
    }

    internal void ServerMessageSent(string method, int bytes)
    {
        if (_serverSentBytes.Enabled)
        {
            _serverSentBytes.Add(bytes, new KeyValuePair<string, object?>("grpc_method", method));
        }
    }

    internal long ClientCallStarted(string method)
    {
        if (_clientInFlight.Enabled)
        {
            _clientInFlight.Add(1, new KeyValuePair<string, object?>("grpc_method", method));
        }

        return Stopwatch.GetTimestamp();
    }

    internal void ClientCallEnded(string method, StatusCode code, long startTimestamp)
    {
        var methodTag = new KeyValuePair<string, object?>("grpc_method", method);
        var codeTag = new KeyValuePair<string, object?>("grpc_code", CodeLabel(code));
        if (_clientInFlight.Enabled)
        {
            _clientInFlight.Add(-1, methodTag);
        }

        if (_clientCalls.Enabled)
        {
            _clientCalls.Add(1, methodTag, codeTag);
        }

        if (_clientDuration.Enabled)
        {
            _clientDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, methodTag, codeTag);
        }
    }

    internal void ClientMessageSent(string method, int bytes)
    {
        if (_clientSentBytes.Enabled)
        {
            _clientSentBytes.Add(bytes, new KeyValuePair<string, object?>("grpc_method", method));
        }
    }

    internal void ClientMessageReceived(string method, int bytes)
    {
        if (_clientReceivedBytes.Enabled)
        {
            _clientReceivedBytes.Add(bytes, new KeyValuePair<string, object?>("grpc_method", method));
        }
    }

    /// <summary>An attempt retried by the channel's retry policy.</summary>
    internal void ClientRetry(string method) => CountRetry(method, "policy");

    /// <summary>A request sent again because the server turned its stream away before processing it.</summary>
    internal void ClientTransparentRetry(string method) => CountRetry(method, "transparent");

    private void CountRetry(string method, string kind)
    {
        if (_clientRetries.Enabled)
        {
            _clientRetries.Add(1, new KeyValuePair<string, object?>("grpc_method", method), new KeyValuePair<string, object?>("kind", kind));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>The <c>grpc_code</c> label value, e.g. <c>DEADLINE_EXCEEDED</c>.</summary>
    public static string CodeLabel(StatusCode code) => code.CanonicalName();

    private static Meter CreateMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(MeterName);
    }

    /// <summary>The <c>grpc_method</c> label of <paramref name="method"/> (its path without the leading slash), computed once per method.</summary>
    internal string LabelFor(IMethod method) => _labels.GetOrAdd(method.FullName, static name => name.TrimStart('/'));
}

using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>
/// One synthesis request as the pipeline sees it: who serves it, its deadline (passed on to every upstream call as the
/// remaining budget), its strictness and the warnings gathered on the way.
/// </summary>
internal sealed class RequestContext
{
    private readonly List<Warning> warnings = [];
    private readonly Lock gate = new();

    public RequestContext(string modelReference, string modelVersion, string track, string requestId, DateTime deadline, bool strict, long startTimestamp)
    {
        ModelReference = modelReference;
        ModelVersion = modelVersion;
        Track = track;
        RequestId = requestId;
        Deadline = deadline;
        Strict = strict;
        StartTimestamp = startTimestamp;
    }

    public string ModelReference { get; }

    public string ModelVersion { get; }

    /// <summary><c>stable</c>, <c>canary</c> (set by the gateway) or <c>direct</c>.</summary>
    public string Track { get; }

    /// <summary>The request's id (the gateway's <c>x-request-id</c>, else one drawn here); hashed into the watermark.</summary>
    public string RequestId { get; }

    /// <summary>When the request must be over (UTC).</summary>
    public DateTime Deadline { get; }

    public bool Strict { get; }

    /// <summary>When the request arrived (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartTimestamp { get; }

    public IReadOnlyList<Warning> Warnings
    {
        get
        {
            lock (gate)
            {
                return [.. warnings];
            }
        }
    }

    /// <summary>Options for an upstream call: the request's deadline and cancellation.</summary>
    public CallOptions CallOptions(CancellationToken cancellationToken) => new(Deadline: Deadline, CancellationToken: cancellationToken);

    /// <summary>Records a fallback as a warning, or fails the request with <paramref name="strictCode"/> when it is strict.</summary>
    public void Warn(string code, string message, string field, StatusCode strictCode)
    {
        if (Strict)
        {
            throw new RpcException(strictCode == StatusCode.OK ? StatusCode.InvalidArgument : strictCode, $"{field}: {message} (strict request: no fallback)");
        }

        Add(new Warning { Code = code, Message = message, Field = field });
    }

    /// <summary>Adds a warning an upstream returned, naming the request field it concerns.</summary>
    public void AddUpstreamWarning(Warning warning, string field)
    {
        var copy = warning.Clone();
        if (copy.Field.Length == 0)
        {
            copy.Field = field;
        }

        Add(copy);
    }

    private void Add(Warning warning)
    {
        lock (gate)
        {
            warnings.Add(warning);
        }
    }
}

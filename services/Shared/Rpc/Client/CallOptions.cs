namespace VoiceFleet.Rpc.Client;

/// <summary>Per-call settings: metadata, deadline, cancellation and retry eligibility.</summary>
/// <param name="Headers">Custom request metadata, or null.</param>
/// <param name="Deadline">When the call must be over (UTC), or null for none (the channel's default timeout applies if set).</param>
/// <param name="Idempotent">Overrides the method's own idempotency for retries; null uses the method's.</param>
/// <param name="CancellationToken">Cancels the call (RST_STREAM to the server).</param>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    bool? Idempotent = null,
    CancellationToken CancellationToken = default)
{
    /// <summary>Options with a deadline <paramref name="timeout"/> from now on <paramref name="timeProvider"/>.</summary>
    public static CallOptions WithTimeout(TimeSpan timeout, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        new(Deadline: (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime + timeout, CancellationToken: cancellationToken);
}

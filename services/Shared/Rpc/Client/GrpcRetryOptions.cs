using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Rpc.Client;

/// <summary>
/// Retry of UNAVAILABLE for idempotent calls, with exponential backoff and jitter. Other codes are
/// never retried: the call may have had effects.
/// </summary>
public sealed class GrpcRetryOptions
{
    /// <summary>Attempts in total, the first included; 1 turns retries off.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the first retry; later ones grow exponentially.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest backoff between attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws when the options make no sense.</summary>
    public void Validate()
    {
        if (MaxAttempts is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be between 1 and 10.");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialBackoff), InitialBackoff, "InitialBackoff must be positive and no larger than MaxBackoff.");
        }
    }
}

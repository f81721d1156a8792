using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Synthesis.Configuration;

/// <summary>
/// How much work the service takes on and how it batches it; configuration section <c>Synthesis:Serving</c>.
/// Every limit is explicit: a request beyond one is refused with a clear status, never queued without bound.
/// </summary>
public sealed class ServingOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Synthesis:Serving";

    /// <summary>Requests in the pipeline at once (after admission).</summary>
    [Range(1, 10_000)]
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Requests allowed to wait for admission; beyond that RESOURCE_EXHAUSTED with a retry hint.</summary>
    [Range(0, 100_000)]
    public int MaxQueue { get; set; } = 64;

    /// <summary>The retry hint sent with RESOURCE_EXHAUSTED (trailer <c>retry-after-ms</c>, HTTP <c>Retry-After</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sentences run together in one model call, for models whose batch dimension is dynamic (1 = no batching).</summary>
    [Range(1, 256)]
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>How long the first sentence of a batch waits for others to join it, milliseconds.</summary>
    [Range(0, 1000)]
    public int MaxBatchDelayMilliseconds { get; set; } = 4;

    /// <summary>Model runs at the same time (each one a batch).</summary>
    [Range(1, 64)]
    public int ModelWorkers { get; set; } = 1;

    /// <summary>Longest input text or SSML, characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxTextChars { get; set; } = 5000;

    /// <summary>Longest output per request, seconds of audio.</summary>
    [Range(1, 3600)]
    public double MaxOutputSeconds { get; set; } = 300;

    /// <summary>Largest inline reference clip (voice or emotion), bytes.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxReferenceAudioBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest REST request body, bytes.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxBatchSize > 1 && ModelWorkers > MaxConcurrency)
        {
            yield return new ValidationResult($"ModelWorkers ({ModelWorkers}) must not exceed MaxConcurrency ({MaxConcurrency}).", [nameof(ModelWorkers)]);
        }
    }
}

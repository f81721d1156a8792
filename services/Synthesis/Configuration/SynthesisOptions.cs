using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Synthesis.Configuration;

/// <summary>
/// Which release slot this process is, which model version it serves and where its upstreams are; configuration
/// section <c>Synthesis</c> (<c>VOICEFLEET__Synthesis__ModelVersion</c> and so on). See docs/configuration.md.
/// </summary>
public sealed class SynthesisOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Synthesis";

    /// <summary>The release slot: <c>blue</c> or <c>green</c>.</summary>
    [Required]
    [RegularExpression("^(blue|green)$", ErrorMessage = "Synthesis:Slot must be 'blue' or 'green'.")]
    public string Slot { get; set; } = "blue";

    /// <summary>The model in the store, e.g. <c>forge-voice</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,63}$", ErrorMessage = "Synthesis:Model must be 1–64 of a-z 0-9 . _ - (a model directory of the store).")]
    public string Model { get; set; } = "forge-voice";

    /// <summary>The model version this slot serves, e.g. <c>v21</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "Synthesis:ModelVersion must be 1–64 letters, digits, '.', '_' or '-'.")]
    public string ModelVersion { get; set; } = "v21";

    /// <summary>The model store; empty = none (synthesis answers FAILED_PRECONDITION, the service still starts for health).</summary>
    public string ModelStoreRoot { get; set; } = string.Empty;

    /// <summary>The text frontend's h2c gRPC address.</summary>
    [Required]
    public string FrontendUrl { get; set; } = "http://127.0.0.1:5010";

    /// <summary>The encoders' h2c gRPC address.</summary>
    [Required]
    public string EncodersUrl { get; set; } = "http://127.0.0.1:5020";

    /// <summary>Deadline given to a request that arrives without one (its whole budget, upstream calls included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Treat every request as strict (fallbacks become errors), whatever its own <c>strict</c> says.</summary>
    public bool Strict { get; set; }

    /// <summary>Load the model while the service starts (else on the first request).</summary>
    public bool Preload { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads per model session; 0 lets the runtime decide.</summary>
    [Range(0, 64)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Keep ONNX Runtime's CPU memory arena between runs: much faster for batched runs (their large intermediates are
    /// not allocated and faulted in again each time), at the cost of holding the largest run's peak for good. Off
    /// trades that speed for memory.
    /// </summary>
    public bool CpuMemoryArena { get; set; } = true;

    /// <summary>The model reference the frontend and the logs use: <c>model/version</c>.</summary>
    public string ModelReference => Model + "/" + ModelVersion;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, value) in new[] { (nameof(FrontendUrl), FrontendUrl), (nameof(EncodersUrl), EncodersUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult($"{key} '{value}' is not an http:// or https:// address.", [key]);
            }
        }

        if (ModelStoreRoot.Length > 0 && !Directory.Exists(ModelStoreRoot))
        {
            yield return new ValidationResult($"ModelStoreRoot '{ModelStoreRoot}' is not a folder.", [nameof(ModelStoreRoot)]);
        }
    }
}

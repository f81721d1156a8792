using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.ReleaseController.Configuration;

/// <summary>
/// The shadow comparison of every analysis window and the Encoders it uses; configuration section
/// <c>ReleaseController:Shadow</c>. Each window the controller synthesises a sample of golden-set inputs
/// on both slots directly and compares the outputs through the Encoders.
/// </summary>
public sealed class ShadowOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReleaseController:Shadow";

    /// <summary>The Encoders gRPC address (EmbedSpeaker, EmbedEmotion); empty = no shadow comparison (those gates INCONCLUSIVE).</summary>
    public string EncodersUrl { get; set; } = string.Empty;

    /// <summary>Inputs shadowed per window (each synthesised on both slots).</summary>
    [Range(0, 1000)]
    public int SamplesPerWindow { get; set; } = 12;

    /// <summary>Shadow requests in flight at once.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(EncodersUrl)
            && (!Uri.TryCreate(EncodersUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"EncodersUrl '{EncodersUrl}' is not an http:// or https:// URL.", [nameof(EncodersUrl)]);
        }
    }
}

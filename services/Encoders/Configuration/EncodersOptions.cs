using System.ComponentModel.DataAnnotations;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Store;

namespace VoiceFleet.Encoders.Configuration;

/// <summary>
/// Which encoder models the service runs and how much work it takes on; configuration section
/// <c>Encoders</c> (<c>VOICEFLEET__Encoders__ModelStoreRoot</c> and so on). See docs/configuration.md.
/// </summary>
public sealed class EncodersOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Encoders";

    /// <summary>The model store holding the encoder bundles; empty = none (embedding methods answer FAILED_PRECONDITION).</summary>
    public string ModelStoreRoot { get; set; } = string.Empty;

    /// <summary>The default speaker encoder, <c>&lt;model&gt;/&lt;version&gt;</c> in the store.</summary>
    [Required]
    public string SpeakerEncoder { get; set; } = "forge-speaker/v1";

    /// <summary>The default emotion encoder, <c>&lt;model&gt;/&lt;version&gt;</c> in the store.</summary>
    [Required]
    public string EmotionEncoder { get; set; } = "forge-emotion/v1";

    /// <summary>Treat every request as strict (errors instead of fallbacks), whatever its own <c>strict</c> field says.</summary>
    public bool Strict { get; set; }

    /// <summary>Encoder runs (feature extraction and ONNX) at the same time.</summary>
    [Range(1, 256)]
    public int MaxConcurrentEncodes { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Encoder runs allowed to wait for a slot; beyond that calls fail with RESOURCE_EXHAUSTED.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedEncodes { get; set; } = 64;

    /// <summary>ONNX Runtime intra-op threads per encoder session; 0 lets the runtime decide.</summary>
    [Range(0, 64)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Load the default encoders while the service starts (else on first use).</summary>
    public bool Preload { get; set; } = true;

    /// <summary>Largest audio upload accepted on the REST endpoints, bytes (gRPC has <c>Grpc:Server:MaxReceiveMessageSize</c>).</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Record inline cloning (EmbedSpeaker calls) in the audit log, with the caller and the clip's sha256.</summary>
    public bool AuditSpeakerEmbeddings { get; set; } = true;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, value) in new[] { (nameof(SpeakerEncoder), SpeakerEncoder), (nameof(EmotionEncoder), EmotionEncoder) })
        {
            if (!EncoderVersion.TryParse(value, out _))
            {
                yield return new ValidationResult($"{key} '{value}' is not '<model>/<version>' (names of a-z 0-9 . _ -).", [key]);
            }
        }

        if (string.IsNullOrWhiteSpace(ModelStoreRoot))
        {
            yield break;
        }

        if (!Directory.Exists(ModelStoreRoot))
        {
            yield return new ValidationResult($"ModelStoreRoot '{ModelStoreRoot}' is not a directory.", [nameof(ModelStoreRoot)]);
            yield break;
        }

        var store = new ModelStore(new ModelStoreOptions { Root = ModelStoreRoot });
        foreach (var (key, value, kind) in new[] { (nameof(SpeakerEncoder), SpeakerEncoder, ModelKind.SpeakerEncoder), (nameof(EmotionEncoder), EmotionEncoder, ModelKind.EmotionEncoder) })
        {
            if (!EncoderVersion.TryParse(value, out var version))
            {
                continue;
            }

            string? problem;
            try
            {
                var manifest = store.Describe(version.Model, version.Version);
                problem = manifest.Kind == kind ? null : $"{key} '{value}' is a {manifest.Kind} bundle, not a {kind}.";
            }
            catch (Exception ex) when (ex is ModelStoreException or ModelManifestException or IOException)
            {
                problem = $"{key} '{value}' cannot be used: {ex.Message}";
            }

            if (problem is not null)
            {
                yield return new ValidationResult(problem, [key]);
            }
        }
    }
}

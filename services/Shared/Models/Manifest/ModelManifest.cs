using System.Text.Json.Serialization;
using VoiceFleet.Models.Json;

namespace VoiceFleet.Models.Manifest;

/// <summary>
/// The manifest of a model bundle: the <c>model.json</c> file at the root of <c>&lt;store&gt;/&lt;model&gt;/&lt;version&gt;/</c>
/// (docs/models.md describes every field). Piper voices are read into the same record by
/// <see cref="Piper.PiperVoiceLoader"/>, so the synthesis path treats both alike.
/// </summary>
/// <remarks>
/// Records read by <see cref="ModelManifestReader"/> are validated (<see cref="ModelManifestValidator"/>); a record built in
/// code is checked when it is written (<see cref="Bundles.ModelBundleWriter"/>) or validated explicitly.
/// </remarks>
public sealed record ModelManifest
{
    /// <summary>The manifest's file name inside a bundle.</summary>
    public const string FileName = "model.json";

    /// <summary>The only schema id this version reads and writes.</summary>
    public const string SchemaId = "voicefleet.model/v1";

    /// <summary>The schema id (<c>schema</c>), always <see cref="SchemaId"/>; the default in code, required in a file.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>The model's name (<c>name</c>), as its store directory: see <see cref="ModelNames"/>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The model's version (<c>version</c>), as its store directory, e.g. <c>v21</c>: see <see cref="ModelNames"/>.</summary>
    public string Version { get; init; } = "";

    /// <summary>What the bundle holds (<c>kind</c>), which decides its components.</summary>
    [JsonConverter(typeof(ModelKindJsonConverter))]
    public ModelKind Kind { get; init; }

    /// <summary>Free text (<c>description</c>); optional.</summary>
    public string? Description { get; init; }

    /// <summary>The sample rate of the audio the model produces, or of its input audio for encoders, in Hz (<c>sampleRate</c>).</summary>
    public int SampleRate { get; init; }

    /// <summary>Every file of the bundle by relative name, with its size and SHA-256 (<c>files</c>).</summary>
    public IReadOnlyDictionary<string, ModelFile> Files { get; init; } = new Dictionary<string, ModelFile>();

    /// <summary>The ONNX models by component name (<c>components</c>): see <see cref="ModelComponentNames"/>.</summary>
    public IReadOnlyDictionary<string, ModelComponent> Components { get; init; } = new Dictionary<string, ModelComponent>();

    /// <summary>The phonemes of a text-to-speech model (<c>phonemes</c>); required for those, absent for encoders.</summary>
    public PhonemeSpec? Phonemes { get; init; }

    /// <summary>The default scales of a text-to-speech model (<c>inference</c>); <see cref="InferenceDefaults.Piper"/> when absent.</summary>
    public InferenceDefaults? Inference { get; init; }

    /// <summary>The mel spectrogram of a two-stage model (<c>mel</c>); required for those, absent otherwise.</summary>
    public MelSpec? Mel { get; init; }

    /// <summary>Speaker and emotion conditioning (<c>conditioning</c>).</summary>
    public ConditioningSpec? Conditioning { get; init; }

    /// <summary>The audio features of an encoder (<c>features</c>); required for encoders, absent otherwise.</summary>
    public FeatureSpec? Features { get; init; }

    /// <summary>Free string pairs (<c>metadata</c>); optional.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The component named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The bundle has no such component; the message lists those it has.</exception>
    public ModelComponent GetComponent(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Components.TryGetValue(name, out var component)
            ? component
            : throw new KeyNotFoundException($"Model '{Name}' {Version} has no component '{name}'; its components: {string.Join(", ", Components.Keys)}.");
    }
}

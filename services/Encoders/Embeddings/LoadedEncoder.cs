using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Encoders.Embeddings;

/// <summary>
/// One encoder bundle, loaded and ready: its session, the tensors its manifest names by role (features in;
/// embedding and, for emotion encoders, logits out), its front end, and for emotion encoders the label
/// space (labels in logit order and their prototypes).
/// </summary>
internal sealed class LoadedEncoder : IDisposable
{
    private readonly ModelBundle _bundle;
    private readonly OnnxSession _session;
    private readonly string _featuresInput;
    private readonly string[] _outputs;

    public LoadedEncoder(ModelBundle bundle)
    {
        _bundle = bundle;
        var manifest = bundle.Manifest;
        Version = $"{manifest.Name}/{manifest.Version}";
        Kind = manifest.Kind;
        FrontEnd = new FeatureFrontEnd(manifest.Features ?? throw new InvalidOperationException($"Encoder {Version} has no 'features' in its manifest."), Version);
        var component = manifest.GetComponent(ModelComponentNames.Encoder);
        _featuresInput = component.Inputs.Single(t => t.Role == TensorRole.Features).Name;
        EmbeddingOutput = component.Outputs.Single(t => t.Role == TensorRole.Embedding).Name;
        LogitsOutput = component.Outputs.FirstOrDefault(t => t.Role == TensorRole.Logits)?.Name;
        _outputs = LogitsOutput is null ? [EmbeddingOutput] : [EmbeddingOutput, LogitsOutput];
        _session = bundle.GetSession(ModelComponentNames.Encoder);

        var emotion = manifest.Conditioning?.Emotion;
        Labels = emotion?.Labels ?? [];
        EmbeddingSize = Kind == ModelKind.EmotionEncoder ? emotion!.EmbeddingSize : manifest.Conditioning?.Speaker?.EmbeddingSize ?? 0;
        Prototypes = [.. Labels.Select(label => emotion!.Prototypes.TryGetValue(label, out var p) ? p.ToArray() : new float[EmbeddingSize])];
    }

    /// <summary><c>model/version</c>.</summary>
    public string Version { get; }

    public ModelKind Kind { get; }

    public FeatureFrontEnd FrontEnd { get; }

    public string EmbeddingOutput { get; }

    public string? LogitsOutput { get; }

    /// <summary>Emotion labels in logit order (empty for speaker encoders).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The prototype of each label, in <see cref="Labels"/> order (zeros where the manifest gives none, as for neutral).</summary>
    public IReadOnlyList<float[]> Prototypes { get; }

    /// <summary>Length of the embedding (0 when the manifest does not say).</summary>
    public int EmbeddingSize { get; }

    /// <summary>Index of a label, or −1.</summary>
    public int LabelIndex(string label)
    {
        for (var i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Runs the encoder on a clip: front end, then the model. Returns the raw embedding and logits (null for speaker encoders).</summary>
    public (float[] Embedding, float[]? Logits) Run(ReadOnlySpan<float> samples, int sampleRate, CancellationToken cancellationToken)
    {
        var features = FrontEnd.Compute(samples, sampleRate);
        cancellationToken.ThrowIfCancellationRequested();
        var outputs = _session.Run(
            new Dictionary<string, OnnxTensor> { [_featuresInput] = OnnxTensor.Create(features.Data, 1, features.Frames, features.Bins) },
            _outputs,
            cancellationToken);
        var embedding = outputs[EmbeddingOutput].ToArray<float>();
        var logits = LogitsOutput is null ? null : outputs[LogitsOutput].ToArray<float>();
        return (embedding, logits);
    }

    public void Dispose() => _bundle.Dispose();
}

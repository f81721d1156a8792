using Microsoft.Extensions.Options;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Embeddings;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>
/// The pluggable learned path: an ONNX text encoder that a team brings (<c>Encoders:TextEmotion:Engine=onnx</c>).
/// Contract: input <c>input_ids</c> int64 [1, tokens] (and optionally <c>attention_mask</c> int64 [1, tokens]),
/// output <c>logits</c> float [1, labels] in the order of <c>Encoders:TextEmotion:Labels</c> (default the seven
/// built-in labels), and optionally <c>strength</c> float [1] or [1, 1] in 0..1. Without a strength output the
/// strength is how far the top probability stands above uniform.
/// </summary>
internal sealed class OnnxTextEmotionAnalyzer : ITextEmotionAnalyzer, IDisposable
{
    private readonly OnnxSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly IReadOnlyList<string> _labels;
    private readonly int _maxTokens;
    private readonly bool _hasMask;
    private readonly bool _hasStrength;

    public OnnxTextEmotionAnalyzer(IOptions<TextEmotionOptions> options)
    {
        var settings = options.Value;
        _labels = settings.Labels.Count > 0 ? [.. settings.Labels] : EmotionLabels.BuiltIn;
        _maxTokens = settings.MaxTokens;
        _tokenizer = WordPieceTokenizer.FromFile(settings.VocabularyPath);
        _session = OnnxSession.Open(settings.ModelPath, new OnnxSessionOptions { IntraOpThreads = 1 });
        var inputs = _session.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        if (!inputs.Contains("input_ids"))
        {
            throw new InvalidOperationException($"The text emotion model {settings.ModelPath} has no 'input_ids' input (it has {string.Join(", ", inputs)}).");
        }

        _hasMask = inputs.Contains("attention_mask");
        var unexpected = inputs.Except(["input_ids", "attention_mask"]).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidOperationException($"The text emotion model {settings.ModelPath} has inputs this service does not fill: {string.Join(", ", unexpected)}.");
        }

        var logits = _session.Outputs.FirstOrDefault(o => o.Name == "logits")
            ?? throw new InvalidOperationException($"The text emotion model {settings.ModelPath} has no 'logits' output.");
        if (logits.ElementType != OnnxElementType.Float)
        {
            throw new InvalidOperationException("The text emotion model's 'logits' must be float32.");
        }

        _hasStrength = _session.Outputs.Any(o => o.Name == "strength");
    }

    public string Engine => "onnx";

    public TextEmotionResult Analyze(string description, CancellationToken cancellationToken)
    {
        var ids = _tokenizer.Encode(description, _maxTokens);
        var inputs = new Dictionary<string, OnnxTensor> { ["input_ids"] = OnnxTensor.Create(ids, 1, ids.Length) };
        if (_hasMask)
        {
            inputs["attention_mask"] = OnnxTensor.Create(Enumerable.Repeat(1L, ids.Length).ToArray(), 1, ids.Length);
        }

        var outputs = _session.Run(inputs, _hasStrength ? ["logits", "strength"] : ["logits"], cancellationToken);
        var logits = outputs["logits"].ToArray<float>();
        if (logits.Length != _labels.Count)
        {
            throw new InvalidOperationException($"The text emotion model gave {logits.Length} logits for {_labels.Count} labels.");
        }

        var distribution = VectorMath.Softmax(logits);
        var top = VectorMath.ArgMax(distribution);
        float strength;
        if (_hasStrength)
        {
            strength = Math.Clamp(outputs["strength"].ToArray<float>()[0], 0, 1);
        }
        else
        {
            var uniform = 1f / _labels.Count;
            strength = _labels[top] == EmotionLabels.Neutral ? 0 : Math.Clamp((distribution[top] - uniform) / (1 - uniform), 0, 1);
        }

        return new TextEmotionResult(_labels, distribution, MathF.Round(strength, 3), Recognised: true, [], Engine);
    }

    public void Dispose() => _session.Dispose();
}

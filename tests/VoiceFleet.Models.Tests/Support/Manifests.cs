using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Models.Tests.Support;

/// <summary>Valid manifests of every kind, matching the models of <see cref="TestModels"/>.</summary>
public static class Manifests
{
    /// <summary>Single-threaded sessions, so tests do not compete for the machine's cores.</summary>
    public static ModelLoadOptions LoadOptions { get; } = new()
    {
        SessionOptions = new OnnxSessionOptions { IntraOpThreads = 1, InterOpThreads = 1 },
    };

    public static Dictionary<string, IReadOnlyList<long>> IdMap() => new(StringComparer.Ordinal)
    {
        ["_"] = [0],
        ["^"] = [1],
        ["$"] = [2],
        [" "] = [3],
        ["a"] = [14],
        ["b"] = [15],
        ["ə"] = [59],
        ["ˈ"] = [120],
        ["ts"] = [200, 201],
    };

    public static ModelManifest EndToEnd(string name = "forge-voice", string version = "v21") => new()
    {
        Name = name,
        Version = version,
        Kind = ModelKind.EndToEnd,
        Description = "A test voice.",
        SampleRate = 22050,
        Components = new Dictionary<string, ModelComponent>
        {
            [ModelComponentNames.Model] = new()
            {
                File = "model.onnx",
                Inputs =
                [
                    Tensor("input", TensorRole.PhonemeIds, OnnxElementType.Int64, "batch", "phonemes"),
                    Tensor("input_lengths", TensorRole.PhonemeLengths, OnnxElementType.Int64, "batch"),
                    Tensor("scales", TensorRole.Scales, OnnxElementType.Float, 3),
                    Tensor("speaker", TensorRole.SpeakerEmbedding, OnnxElementType.Float, "batch", 4),
                    Tensor("emotion", TensorRole.EmotionEmbedding, OnnxElementType.Float, "batch", 3),
                    Tensor("seed", TensorRole.Seed, OnnxElementType.Int64, "batch"),
                ],
                Outputs = [Tensor("output", TensorRole.Audio, OnnxElementType.Float, "batch", 1, "samples")],
            },
        },
        Phonemes = new PhonemeSpec { Alphabet = "ipa", IdMap = IdMap(), Bos = "^", Eos = "$", Pad = "_", Intersperse = true },
        Inference = new InferenceDefaults { NoiseScale = 0.667f, LengthScale = 1f, NoiseW = 0.8f },
        Conditioning = new ConditioningSpec
        {
            Speaker = new SpeakerConditioning
            {
                EmbeddingSize = 4,
                Encoder = new EncoderRef { Name = "forge-speaker", Version = "v1" },
                Presets = new Dictionary<string, IReadOnlyList<float>> { ["ava"] = [0.1f, -0.2f, 0.3f, 0.25f] },
            },
            Emotion = new EmotionConditioning
            {
                EmbeddingSize = 3,
                Labels = ["neutral", "happy", "sad", "angry", "surprised", "fearful", "disgusted"],
                Prototypes = new Dictionary<string, IReadOnlyList<float>> { ["happy"] = [1f, 0f, 0.5f] },
                Encoder = new EncoderRef { Name = "forge-emotion", Version = "v1" },
            },
        },
        Metadata = new Dictionary<string, string> { ["forge.run"] = "42" },
    };

    public static Dictionary<string, byte[]> EndToEndFiles() => new() { ["model.onnx"] = TestModels.EndToEnd() };

    public static ModelManifest TwoStage(string name = "forge-two", string version = "v1") => new()
    {
        Name = name,
        Version = version,
        Kind = ModelKind.TwoStage,
        SampleRate = 24000,
        Components = new Dictionary<string, ModelComponent>
        {
            [ModelComponentNames.Acoustic] = new()
            {
                File = "acoustic.onnx",
                Inputs = [Tensor("input", TensorRole.PhonemeIds, OnnxElementType.Int64, "batch", "phonemes")],
                Outputs = [Tensor("mel", TensorRole.Mel, OnnxElementType.Float, "batch", 4, "frames")],
            },
            [ModelComponentNames.Vocoder] = new()
            {
                File = "vocoder/vocoder.onnx",
                Inputs = [Tensor("mel", TensorRole.Mel, OnnxElementType.Float, "batch", 4, "frames")],
                Outputs = [Tensor("audio", TensorRole.Audio, OnnxElementType.Float, "batch", "samples")],
            },
        },
        Phonemes = new PhonemeSpec { Alphabet = "ipa", IdMap = IdMap(), Bos = "^", Eos = "$", Pad = "_", Intersperse = true },
        Mel = new MelSpec { Bins = 4, HopLength = 256 },
    };

    public static Dictionary<string, byte[]> TwoStageFiles() => new()
    {
        ["acoustic.onnx"] = TestModels.Acoustic(),
        ["vocoder/vocoder.onnx"] = TestModels.Vocoder(),
    };

    public static ModelManifest SpeakerEncoder() => Encoder(ModelKind.SpeakerEncoder, "forge-speaker", embeddingSize: 6, labels: 0) with
    {
        Conditioning = new ConditioningSpec { Speaker = new SpeakerConditioning { EmbeddingSize = 6 } },
    };

    public static ModelManifest EmotionEncoder() => Encoder(ModelKind.EmotionEncoder, "forge-emotion", embeddingSize: 3, labels: 7) with
    {
        Conditioning = new ConditioningSpec
        {
            Emotion = new EmotionConditioning { EmbeddingSize = 3, Labels = ["neutral", "happy", "sad", "angry", "surprised", "fearful", "disgusted"] },
        },
    };

    /// <summary>The bytes of a manifest as model.json, with placeholder hashes for its files (for parsing tests).</summary>
    public static string Json(ModelManifest manifest)
    {
        var files = manifest.Components.Values.Select(c => c.File).Distinct()
            .ToDictionary(f => f, _ => new ModelFile { Sha256 = new string('a', 64), Bytes = 10 });
        return System.Text.Encoding.UTF8.GetString(ModelManifestWriter.ToBytes(manifest with { Files = files }));
    }

    public static TensorSpec Tensor(string name, TensorRole role, OnnxElementType type, params TensorDim[] shape) =>
        new() { Name = name, Role = role, ElementType = type, Shape = shape };

    private static ModelManifest Encoder(ModelKind kind, string name, int embeddingSize, int labels)
    {
        var outputs = new List<TensorSpec> { Tensor("embedding", TensorRole.Embedding, OnnxElementType.Float, "batch", embeddingSize) };
        if (labels > 0)
        {
            outputs.Add(Tensor("logits", TensorRole.Logits, OnnxElementType.Float, "batch", labels));
        }

        return new ModelManifest
        {
            Name = name,
            Version = "v1",
            Kind = kind,
            SampleRate = 16000,
            Components = new Dictionary<string, ModelComponent>
            {
                [ModelComponentNames.Encoder] = new()
                {
                    File = "encoder.onnx",
                    Inputs = [Tensor("features", TensorRole.Features, OnnxElementType.Float, "batch", "frames", 4)],
                    Outputs = outputs,
                },
            },
            Features = new FeatureSpec { Type = "kaldi-fbank", SampleRate = 16000, Bins = 4, FrameLengthMs = 25, FrameShiftMs = 10, MeanNormalize = true },
        };
    }
}

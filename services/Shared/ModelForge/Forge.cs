using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoiceFleet.ModelForge.Encoders;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.ModelForge;

/// <summary>
/// Writes VoiceFleet's generated models into a model store: the conditioned voice in every version (healthy
/// v21 and v23; faulty v-slow, v-noisy and v-drift), the two-stage split of the healthy voices, a Piper-format
/// copy, and the speaker and emotion encoders fitted to the healthy voices. Deterministic: the same forge
/// writes the same bytes. See docs/forge.md.
/// </summary>
public sealed class Forge(OnnxRuntimeEnvironment? environment = null)
{
    /// <summary>The conditioned end-to-end voice, in every version.</summary>
    public const string VoiceModel = "forge-voice";

    /// <summary>The healthy voices split into acoustic and vocoder stages.</summary>
    public const string TwoStageModel = "forge-voice-two-stage";

    /// <summary>The healthy voices as Piper pairs (voice.onnx + voice.onnx.json).</summary>
    public const string PiperModel = "forge-piper";

    /// <summary>The speaker encoder the voices pair with.</summary>
    public const string SpeakerEncoderModel = "forge-speaker";

    /// <summary>The emotion encoder the voices pair with.</summary>
    public const string EmotionEncoderModel = "forge-emotion";

    private static readonly JsonSerializerOptions PiperJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The versions of <see cref="VoiceModel"/>, healthy ones first.</summary>
    public static IReadOnlyList<string> VoiceVersions { get; } = [.. VoiceDesign.All.Select(d => d.Version)];

    /// <summary>The versions of <see cref="TwoStageModel"/> and <see cref="PiperModel"/>.</summary>
    public static IReadOnlyList<string> HealthyVersions { get; } = ["v21", "v23"];

    /// <summary>
    /// Writes every bundle under <paramref name="storeRoot"/>. A voice already there is kept when it is byte for byte what
    /// the forge makes now and rewritten when it is stale (an older forge's output); an encoder already there is kept.
    /// With <paramref name="replace"/> every bundle is rewritten.
    /// </summary>
    /// <param name="storeRoot">The model store.</param>
    /// <param name="replace">Rewrite bundles that exist even when they are current.</param>
    /// <param name="recalibrate">Fit the encoders anew even when the shipped calibration still matches the voices.</param>
    /// <param name="cancellationToken">Stops between bundles and during calibration.</param>
    /// <returns>One line per bundle: what was written or kept.</returns>
    public IReadOnlyList<ForgedBundle> Run(string storeRoot, bool replace = false, bool recalibrate = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRoot);
        var root = Path.GetFullPath(storeRoot);
        Directory.CreateDirectory(root);
        var healthy = VoiceDesign.All.Where(d => HealthyVersions.Contains(d.Version)).ToArray();

        // Calibration is the slow part (the voices speak a few hundred clips): only when an encoder is written, and
        // only when the shipped calibration no longer matches the voices (or a refit is asked for).
        var calibration = new Lazy<EncoderCalibration>(
            () => (recalibrate ? null : EncoderCalibration.Shipped(EncoderCalibration.CurrentFingerprint(healthy))) ?? Calibrate(healthy, cancellationToken),
            LazyThreadSafetyMode.None);
        var results = new List<ForgedBundle>
        {
            WriteEncoder(root, SpeakerEncoderModel, SpeakerEncoderGraph.Version, replace, () => SpeakerEncoderBundle(calibration.Value.Speaker), cancellationToken),
            WriteEncoder(root, EmotionEncoderModel, EmotionEncoderGraph.Version, replace, () => EmotionEncoderBundle(calibration.Value.Emotion), cancellationToken),
        };

        foreach (var design in VoiceDesign.All)
        {
            results.Add(Write(root, VoiceModel, design.Version, replace, () => VoiceBundle(design), cancellationToken));
        }

        foreach (var design in healthy)
        {
            results.Add(Write(root, TwoStageModel, design.Version, replace, () => TwoStageBundle(design), cancellationToken));
            results.Add(WritePiper(root, design, replace));
        }

        return results;
    }

    /// <summary>Fits both encoders to the healthy voices (about 20 s on two cores) and returns the calibration file's content.</summary>
    public byte[] CalibrationJson(CancellationToken cancellationToken = default)
    {
        var healthy = VoiceDesign.All.Where(d => HealthyVersions.Contains(d.Version)).ToArray();
        return Calibrate(healthy, cancellationToken).ToJson();
    }

    private EncoderCalibration Calibrate(VoiceDesign[] healthy, CancellationToken cancellationToken)
    {
        var (speaker, emotion) = new EncoderCalibrator(environment).Calibrate(healthy, cancellationToken);
        return new EncoderCalibration(EncoderCalibration.CurrentFingerprint(healthy), speaker, emotion);
    }

    // An encoder already in the store is kept as it is: its weights come from a calibration (the shipped one or a
    // refit), and a store calibrated on purpose must not be undone. Calibration runs only when one is written.
    private static ForgedBundle WriteEncoder(string root, string name, string version, bool replace, Func<(ModelManifest Manifest, Dictionary<string, byte[]> Files)> build, CancellationToken cancellationToken) =>
        !replace && Directory.Exists(Path.Join(root, name, version))
            ? new ForgedBundle(name, version, Path.Join(root, name, version), Written: false)
            : Write(root, name, version, replace: true, build, cancellationToken);

    // A voice already in the store is kept when it is exactly what the forge makes now (voices are deterministic); a
    // stale one (an older forge's output) or, with `replace`, any one is rewritten, written beside it and swapped in.
    private static ForgedBundle Write(string root, string name, string version, bool replace, Func<(ModelManifest Manifest, Dictionary<string, byte[]> Files)> build, CancellationToken cancellationToken)
    {
        var (manifest, files) = build();
        return Swap(root, name, version, replace, temp => ModelBundleWriter.Write(temp, manifest, files, cancellationToken));
    }

    private static ForgedBundle Swap(string root, string name, string version, bool replace, Action<string> writeInto)
    {
        var directory = Path.Join(root, name, version);
        var temp = Path.Join(root, name, $".{version}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Join(root, name));
        try
        {
            writeInto(temp);
            if (Directory.Exists(directory))
            {
                if (!replace && SameFiles(directory, temp))
                {
                    return new ForgedBundle(name, version, directory, Written: false);
                }

                Directory.Delete(directory, recursive: true);
            }

            Directory.Move(temp, directory);
            return new ForgedBundle(name, version, directory, Written: true);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static bool SameFiles(string existing, string fresh)
    {
        var names = Directory.GetFiles(fresh).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var present = Directory.GetFiles(existing).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        return names.SequenceEqual(present, StringComparer.Ordinal)
            && names.All(file => File.ReadAllBytes(Path.Join(existing, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Join(fresh, file))));
    }

    private static ForgedBundle WritePiper(string root, VoiceDesign design, bool replace) =>
        Swap(root, PiperModel, design.Version, replace, temp =>
        {
            Directory.CreateDirectory(temp);
            File.WriteAllBytes(Path.Join(temp, "voice.onnx"), VoiceGraph.Piper(design, multiSpeaker: true));
            File.WriteAllBytes(Path.Join(temp, "voice.onnx.json"), PiperConfig(design));
        });

    private static (ModelManifest, Dictionary<string, byte[]>) VoiceBundle(VoiceDesign design)
    {
        var manifest = VoiceManifest(VoiceModel, design, ModelKind.EndToEnd) with
        {
            Components = new Dictionary<string, ModelComponent>
            {
                [ModelComponentNames.Model] = new()
                {
                    File = "model.onnx",
                    Inputs = ConditionedInputs(),
                    Outputs =
                    [
                        Tensor("output", TensorRole.Audio, OnnxElementType.Float, "batch", 1, "samples"),
                        Tensor("output_lengths", TensorRole.AudioLengths, OnnxElementType.Int64, "batch"),
                    ],
                },
            },
        };
        return (manifest, new Dictionary<string, byte[]> { ["model.onnx"] = VoiceGraph.EndToEnd(design) });
    }

    private static (ModelManifest, Dictionary<string, byte[]>) TwoStageBundle(VoiceDesign design)
    {
        var manifest = VoiceManifest(TwoStageModel, design, ModelKind.TwoStage) with
        {
            Mel = new MelSpec { Bins = 80, HopLength = VoiceDesign.HopLength },
            Components = new Dictionary<string, ModelComponent>
            {
                [ModelComponentNames.Acoustic] = new()
                {
                    File = "acoustic.onnx",
                    Inputs = ConditionedInputs(),
                    Outputs =
                    [
                        Tensor("mel", TensorRole.Mel, OnnxElementType.Float, "batch", 80, "frames"),
                        Tensor("f0", TensorRole.Pitch, OnnxElementType.Float, "batch", "frames"),
                        Tensor("mel_lengths", TensorRole.MelLengths, OnnxElementType.Int64, "batch"),
                    ],
                },
                [ModelComponentNames.Vocoder] = new()
                {
                    File = "vocoder.onnx",
                    Inputs =
                    [
                        Tensor("mel", TensorRole.Mel, OnnxElementType.Float, "batch", 80, "frames"),
                        Tensor("f0", TensorRole.Pitch, OnnxElementType.Float, "batch", "frames"),
                        Tensor("seed", TensorRole.Seed, OnnxElementType.Int64, "batch"),
                    ],
                    Outputs = [Tensor("output", TensorRole.Audio, OnnxElementType.Float, "batch", 1, "samples")],
                },
            },
        };
        return (manifest, new Dictionary<string, byte[]>
        {
            ["acoustic.onnx"] = VoiceGraph.Acoustic(design),
            ["vocoder.onnx"] = VoiceGraph.Vocoder(design),
        });
    }

    private static ModelManifest VoiceManifest(string name, VoiceDesign design, ModelKind kind) => new()
    {
        Name = name,
        Version = design.Version,
        Kind = kind,
        Description = design.Description,
        SampleRate = VoiceDesign.SampleRate,
        Phonemes = PhonemeInventory.Spec,
        Inference = new InferenceDefaults { NoiseScale = 0.667f, LengthScale = 1f, NoiseW = 0.8f },
        Conditioning = new ConditioningSpec
        {
            Speaker = new SpeakerConditioning
            {
                EmbeddingSize = SpeakerSpace.Dimension,
                Encoder = new EncoderRef { Name = SpeakerEncoderModel, Version = SpeakerEncoderGraph.Version },
                Presets = SpeakerSpace.Presets.Select((preset, i) => (preset.Name, Embedding: SpeakerSpace.PresetEmbedding(i)))
                    .ToDictionary(p => p.Name, p => (IReadOnlyList<float>)p.Embedding, StringComparer.Ordinal),
            },
            Emotion = EmotionConditioning(),
        },
        Metadata = new Dictionary<string, string>
        {
            ["forge.hopLength"] = VoiceDesign.HopLength.ToString(CultureInfo.InvariantCulture),
            ["forge.healthy"] = HealthyVersions.Contains(design.Version) ? "true" : "false",
        },
    };

    private static EmotionConditioning EmotionConditioning() => new()
    {
        EmbeddingSize = EmotionSpace.Dimension,
        Labels = EmotionSpace.Labels,
        Prototypes = EmotionSpace.Labels.Select((label, i) => (label, Prototype: EmotionSpace.Prototype(i)))
            .ToDictionary(p => p.label, p => (IReadOnlyList<float>)p.Prototype, StringComparer.Ordinal),
        Encoder = new EncoderRef { Name = EmotionEncoderModel, Version = EmotionEncoderGraph.Version },
    };

    private static (ModelManifest, Dictionary<string, byte[]>) SpeakerEncoderBundle(SpeakerCalibration calibration)
    {
        var manifest = EncoderManifest(SpeakerEncoderModel, SpeakerEncoderGraph.Version, ModelKind.SpeakerEncoder, "Forged speaker encoder (fbank → 192-d unit embedding), fitted to the forged voices.") with
        {
            Components = new Dictionary<string, ModelComponent>
            {
                [ModelComponentNames.Encoder] = new()
                {
                    File = "encoder.onnx",
                    Inputs = [Tensor("feats", TensorRole.Features, OnnxElementType.Float, "batch", "frames", 80)],
                    Outputs = [Tensor("embs", TensorRole.Embedding, OnnxElementType.Float, "batch", SpeakerSpace.Dimension)],
                },
            },
            Conditioning = new ConditioningSpec { Speaker = new SpeakerConditioning { EmbeddingSize = SpeakerSpace.Dimension } },
            Metadata = new Dictionary<string, string> { ["forge.calibration"] = calibration.Summary },
        };
        return (manifest, new Dictionary<string, byte[]> { ["encoder.onnx"] = SpeakerEncoderGraph.Build(calibration) });
    }

    private static (ModelManifest, Dictionary<string, byte[]>) EmotionEncoderBundle(EmotionCalibration calibration)
    {
        var manifest = EncoderManifest(EmotionEncoderModel, EmotionEncoderGraph.Version, ModelKind.EmotionEncoder, "Forged emotion encoder (fbank → 8-d emotion embedding and 7 logits), fitted to the forged voices.") with
        {
            Components = new Dictionary<string, ModelComponent>
            {
                [ModelComponentNames.Encoder] = new()
                {
                    File = "encoder.onnx",
                    Inputs = [Tensor("feats", TensorRole.Features, OnnxElementType.Float, "batch", "frames", 80)],
                    Outputs =
                    [
                        Tensor("embedding", TensorRole.Embedding, OnnxElementType.Float, "batch", EmotionSpace.Dimension),
                        Tensor("logits", TensorRole.Logits, OnnxElementType.Float, "batch", EmotionSpace.Labels.Length),
                    ],
                },
            },
            Conditioning = new ConditioningSpec { Emotion = EmotionConditioning() with { Encoder = null } },
            Metadata = new Dictionary<string, string> { ["forge.calibration"] = calibration.Summary },
        };
        return (manifest, new Dictionary<string, byte[]> { ["encoder.onnx"] = EmotionEncoderGraph.Build(calibration) });
    }

    private static ModelManifest EncoderManifest(string name, string version, ModelKind kind, string description) => new()
    {
        Name = name,
        Version = version,
        Kind = kind,
        Description = description,
        SampleRate = EncoderCalibrator.FeatureSampleRate,
        Features = new FeatureSpec
        {
            Type = "kaldi-fbank",
            SampleRate = EncoderCalibrator.FeatureSampleRate,
            Bins = 80,
            FrameLengthMs = 25,
            FrameShiftMs = 10,
            MeanNormalize = false,
        },
    };

    private static TensorSpec[] ConditionedInputs() =>
    [
        Tensor("input", TensorRole.PhonemeIds, OnnxElementType.Int64, "batch", "phonemes"),
        Tensor("input_lengths", TensorRole.PhonemeLengths, OnnxElementType.Int64, "batch"),
        Tensor("scales", TensorRole.Scales, OnnxElementType.Float, 3),
        Tensor("speaker", TensorRole.SpeakerEmbedding, OnnxElementType.Float, "batch", SpeakerSpace.Dimension),
        Tensor("emotion", TensorRole.EmotionEmbedding, OnnxElementType.Float, "batch", EmotionSpace.Dimension),
        Tensor("seed", TensorRole.Seed, OnnxElementType.Int64, "batch"),
    ];

    private static TensorSpec Tensor(string name, TensorRole role, OnnxElementType type, params TensorDim[] shape) =>
        new() { Name = name, Role = role, ElementType = type, Shape = shape };

    /// <summary>The Piper config (voice.onnx.json) of the Piper-format copy: the preset speakers by sid, neutral emotion.</summary>
    private static byte[] PiperConfig(VoiceDesign design)
    {
        var idMap = new JsonObject();
        foreach (var (symbol, ids) in PhonemeInventory.IdMap)
        {
            idMap[symbol] = new JsonArray([.. ids.Select(id => (JsonNode)id)]);
        }

        var speakers = new JsonObject();
        for (var i = 0; i < SpeakerSpace.Presets.Length; i++)
        {
            speakers[SpeakerSpace.Presets[i].Name] = i;
        }

        var config = new JsonObject
        {
            ["dataset"] = $"voicefleet-forge-{design.Version}",
            ["audio"] = new JsonObject { ["sample_rate"] = VoiceDesign.SampleRate, ["quality"] = "medium" },
            ["espeak"] = new JsonObject { ["voice"] = "en-us" },
            ["language"] = new JsonObject { ["code"] = "en_US" },
            ["inference"] = new JsonObject { ["noise_scale"] = 0.667, ["length_scale"] = 1.0, ["noise_w"] = 0.8 },
            ["phoneme_type"] = "espeak",
            ["phoneme_map"] = new JsonObject(),
            ["phoneme_id_map"] = idMap,
            ["num_symbols"] = PhonemeInventory.All.Count,
            ["num_speakers"] = SpeakerSpace.Presets.Length,
            ["speaker_id_map"] = speakers,
            ["piper_version"] = "1.0.0",
        };
        return JsonSerializer.SerializeToUtf8Bytes(config, PiperJson);
    }
}

/// <summary>One bundle of a forge run: where it is and whether this run wrote it (false: it was already there).</summary>
public sealed record ForgedBundle(string Name, string Version, string Directory, bool Written);

using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Models.Piper;

/// <summary>
/// Reads Piper voices (<c>&lt;name&gt;.onnx</c> with <c>&lt;name&gt;.onnx.json</c> beside it) into the same
/// <see cref="ModelManifest"/> as VoiceFleet bundles: kind end-to-end, component <c>model</c>, Piper's tensors mapped to
/// roles (<c>input</c> → phonemeIds, <c>input_lengths</c> → phonemeLengths, <c>scales</c> → scales, <c>sid</c> →
/// speakerId, <c>output</c> → audio), the id map with <c>^</c>, <c>$</c>, <c>_</c> and interspersing. Piper voices carry no
/// hashes, so none are checked.
/// </summary>
public static class PiperVoiceLoader
{
    /// <summary>The config's suffix: <c>&lt;name&gt;.onnx.json</c>.</summary>
    public const string ConfigSuffix = ".onnx.json";

    /// <summary>The model's suffix.</summary>
    public const string ModelSuffix = ".onnx";

    private const string InputName = "input";
    private const string LengthsName = "input_lengths";
    private const string ScalesName = "scales";
    private const string SpeakerName = "sid";
    private const string OutputName = "output";

    /// <summary>
    /// Finds a voice's two files from <paramref name="path"/>: the <c>.onnx</c> file, its <c>.onnx.json</c>, or a
    /// directory holding exactly one such pair.
    /// </summary>
    /// <exception cref="FileNotFoundException">The path, or the other file of the pair, does not exist; or the directory holds no pair.</exception>
    /// <exception cref="IOException">The directory holds more than one pair.</exception>
    public static PiperVoiceFiles Find(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var pairs = Pairs(full);
            return pairs.Count switch
            {
                1 => pairs[0],
                0 => throw new FileNotFoundException($"'{full}' holds no Piper voice: {NoPairReason(full)}.", full),
                _ => throw new IOException($"'{full}' holds {pairs.Count} Piper voices ({string.Join(", ", pairs.Select(p => Path.GetFileName(p.ModelPath)))}); name the .onnx file."),
            };
        }

        if (full.EndsWith(ConfigSuffix, StringComparison.Ordinal))
        {
            var model = full[..^".json".Length];
            return File.Exists(full) && File.Exists(model)
                ? new PiperVoiceFiles(model, full)
                : throw new FileNotFoundException(
                    File.Exists(full) ? $"Piper voice config '{full}' has no model beside it: '{Path.GetFileName(model)}' is missing." : $"Piper voice config '{full}' does not exist.",
                    File.Exists(full) ? model : full);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Piper voice '{full}' does not exist.", full);
        }

        var config = full + ".json";
        return File.Exists(config)
            ? new PiperVoiceFiles(full, config)
            : throw new FileNotFoundException(
                $"Piper voice '{full}' has no config: '{Path.GetFileName(config)}' is missing beside it (a Piper voice is <name>.onnx with <name>.onnx.json).",
                config);
    }

    /// <summary>
    /// Reads a voice's manifest without loading the model. The tensors are Piper's usual ones
    /// (<c>output</c> declared <c>[batch, 1, samples]</c>); <see cref="Load"/> replaces them with the model's real ones.
    /// </summary>
    /// <param name="path">The voice (see <see cref="Find"/>).</param>
    /// <param name="name">The manifest's name; by default the file name (or, for <c>voice.onnx</c>, the dataset or directory), made valid.</param>
    /// <param name="version">The manifest's version; by default <c>v1</c>.</param>
    /// <exception cref="ModelManifestException">The config is malformed or invalid; the message names the Piper field.</exception>
    public static ModelManifest ReadManifest(string path, string? name = null, string? version = null) =>
        ReadVoiceManifest(Find(path), name, version);

    /// <summary>Loads a voice: reads its config, opens its model and completes the manifest from the model's real tensors.</summary>
    /// <param name="path">The voice (see <see cref="Find"/>).</param>
    /// <param name="options">Session options and environment; <see cref="ModelLoadOptions.Default"/> when null.</param>
    /// <param name="name">The manifest's name (see <see cref="ReadManifest(string, string?, string?)"/>).</param>
    /// <param name="version">The manifest's version.</param>
    /// <param name="cancellationToken">Checked before the model is opened.</param>
    /// <exception cref="ModelManifestException">
    /// The config is invalid; the model cannot be loaded; it lacks <c>input</c>, <c>input_lengths</c> or <c>scales</c>, has
    /// other inputs, lacks <c>sid</c> while the config has several speakers, or its audio output's rank is not 2 to 4.
    /// </exception>
    public static ModelBundle Load(
        string path,
        ModelLoadOptions? options = null,
        string? name = null,
        string? version = null,
        CancellationToken cancellationToken = default) =>
        LoadVoice(Find(path), name, version, options ?? ModelLoadOptions.Default, cancellationToken);

    /// <summary>Finds the single pair in <paramref name="directory"/>, or says why there is none.</summary>
    internal static bool TryFind(string directory, out PiperVoiceFiles? files, out string problem)
    {
        var pairs = Pairs(directory);
        files = pairs.Count == 1 ? pairs[0] : null;
        problem = pairs.Count switch
        {
            1 => "",
            0 => NoPairReason(directory),
            _ => $"it holds {pairs.Count} Piper voices",
        };
        return files is not null;
    }

    internal static ModelManifest ReadVoiceManifest(PiperVoiceFiles files, string? name, string? version)
    {
        var configFile = Path.GetFileName(files.ConfigPath);
        var config = PiperConfigReader.Parse(ModelManifestReader.ReadBytes(files.ConfigPath, configFile), configFile);
        var speakers = config.NumSpeakers ?? 1;
        var inputs = new List<TensorSpec>
        {
            Tensor(InputName, TensorRole.PhonemeIds, OnnxElementType.Int64, "batch", "phonemes"),
            Tensor(LengthsName, TensorRole.PhonemeLengths, OnnxElementType.Int64, "batch"),
            Tensor(ScalesName, TensorRole.Scales, OnnxElementType.Float, 3),
        };
        if (speakers > 1)
        {
            inputs.Add(Tensor(SpeakerName, TensorRole.SpeakerId, OnnxElementType.Int64, "batch"));
        }

        var manifest = new ModelManifest
        {
            Name = name ?? DefaultName(files, config),
            Version = version ?? "v1",
            Kind = ModelKind.EndToEnd,
            Description = config.Dataset is { } dataset ? $"Piper voice {dataset}" : "Piper voice",
            SampleRate = config.Audio!.SampleRate!.Value,
            Components = new Dictionary<string, ModelComponent>
            {
                [ModelComponentNames.Model] = new()
                {
                    File = Path.GetFileName(files.ModelPath),
                    Inputs = inputs,
                    Outputs = [Tensor(OutputName, TensorRole.Audio, OnnxElementType.Float, "batch", 1, "samples")],
                },
            },
            Phonemes = new PhonemeSpec
            {
                Alphabet = config.PhonemeType == "text" ? "text" : "ipa",
                IdMap = config.PhonemeIdMap!.ToDictionary(p => p.Key, p => (IReadOnlyList<long>)p.Value!, StringComparer.Ordinal),
                Bos = PiperConfigReader.Bos,
                Eos = PiperConfigReader.Eos,
                Pad = PiperConfigReader.Pad,
                Intersperse = true,
                Map = (config.PhonemeMap ?? []).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value!.Select(s => s!).ToArray(), StringComparer.Ordinal),
                Language = string.IsNullOrWhiteSpace(config.Language?.Code) ? null : config.Language.Code,
                EspeakVoice = string.IsNullOrWhiteSpace(config.Espeak?.Voice) ? null : config.Espeak.Voice,
            },
            Inference = new InferenceDefaults
            {
                NoiseScale = config.Inference?.NoiseScale ?? InferenceDefaults.Piper.NoiseScale,
                LengthScale = config.Inference?.LengthScale ?? InferenceDefaults.Piper.LengthScale,
                NoiseW = config.Inference?.NoiseW ?? InferenceDefaults.Piper.NoiseW,
            },
            Conditioning = speakers > 1
                ? new ConditioningSpec { Speaker = new SpeakerConditioning { SpeakerCount = speakers, SpeakerIdMap = config.SpeakerIdMap ?? [] } }
                : null,
            Metadata = Metadata(config),
        };
        ModelManifestValidator.Validate(manifest, configFile, requireFiles: false);
        return manifest;
    }

    internal static ModelBundle LoadVoice(PiperVoiceFiles files, string? name, string? version, ModelLoadOptions options, CancellationToken cancellationToken)
    {
        var described = ReadVoiceManifest(files, name, version);
        var configFile = Path.GetFileName(files.ConfigPath);
        var modelFile = Path.GetFileName(files.ModelPath);
        cancellationToken.ThrowIfCancellationRequested();
        var session = ModelBundle.Open(configFile, ModelComponentNames.Model, modelFile, files.ModelPath, options.SessionOptions, options.Environment);
        try
        {
            var manifest = Complete(described, session, configFile, modelFile);
            var paths = new Dictionary<string, string>(StringComparer.Ordinal) { [modelFile] = files.ModelPath, [configFile] = files.ConfigPath };
            var bundle = new ModelBundle(manifest, Path.GetDirectoryName(files.ModelPath)!, ModelBundleFormat.Piper, configFile, paths, options);
            bundle.Adopt(ModelComponentNames.Model, session);
            return bundle;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The manifest with the model's real inputs and audio output.</summary>
    private static ModelManifest Complete(ModelManifest described, OnnxSession session, string configFile, string modelFile)
    {
        var inputs = new List<TensorSpec>();
        foreach (var input in session.Inputs)
        {
            var role = input.Name switch
            {
                InputName => TensorRole.PhonemeIds,
                LengthsName => TensorRole.PhonemeLengths,
                ScalesName => TensorRole.Scales,
                SpeakerName => TensorRole.SpeakerId,
                _ => throw new ModelManifestException(
                    configFile,
                    "",
                    $"{modelFile} has input '{input.Name}' ({SessionSignature.Describe(input)}), which Piper voices do not have; Piper inputs: input, input_lengths, scales, sid"),
            };
            inputs.Add(FromModel(input, role));
        }

        foreach (var required in new[] { InputName, LengthsName, ScalesName })
        {
            if (!inputs.Any(i => i.Name == required))
            {
                throw new ModelManifestException(configFile, "", $"{modelFile} has no input '{required}'; a Piper model takes input, input_lengths and scales");
            }
        }

        var speakers = described.Conditioning?.Speaker?.SpeakerCount ?? 1;
        var hasSid = inputs.Any(i => i.Name == SpeakerName);
        if (speakers > 1 && !hasSid)
        {
            throw new ModelManifestException(configFile, "num_speakers", $"{speakers} speakers, but {modelFile} has no 'sid' input");
        }

        var output = session.Outputs.FirstOrDefault(o => o.Name == OutputName)
            ?? (session.Outputs.Count == 1 ? session.Outputs[0] : null)
            ?? throw new ModelManifestException(configFile, "", $"{modelFile} has no output '{OutputName}' and {session.Outputs.Count} outputs; which is the audio is unclear");
        if (output.Rank is < 2 or > 4)
        {
            throw new ModelManifestException(configFile, "", $"{modelFile} output '{output.Name}' is {SessionSignature.Describe(output)}; Piper audio has rank 2 to 4 (for example [1, 1, samples])");
        }

        var component = described.Components[ModelComponentNames.Model] with
        {
            Inputs = inputs,
            Outputs = [FromModel(output, TensorRole.Audio)],
        };
        var conditioning = hasSid
            ? new ConditioningSpec
            {
                Speaker = described.Conditioning?.Speaker ?? new SpeakerConditioning { SpeakerCount = 1 },
            }
            : null;
        var manifest = described with
        {
            Components = new Dictionary<string, ModelComponent> { [ModelComponentNames.Model] = component },
            Conditioning = conditioning,
        };
        ModelManifestValidator.Validate(manifest, configFile, requireFiles: false);
        SessionSignature.Check(configFile, ModelComponentNames.Model, component, session);
        return manifest;
    }

    private static TensorSpec FromModel(OnnxTensorInfo info, TensorRole role) => new()
    {
        Name = info.Name,
        Role = role,
        ElementType = info.ElementType,
        Shape = info.Shape.Select((d, i) => d >= 0 ? TensorDim.Fixed(d) : TensorDim.Symbolic(info.SymbolicDims[i] ?? $"dim{i}")).ToArray(),
    };

    private static TensorSpec Tensor(string name, TensorRole role, OnnxElementType type, params TensorDim[] shape) =>
        new() { Name = name, Role = role, ElementType = type, Shape = shape };

    private static string DefaultName(PiperVoiceFiles files, PiperConfig config)
    {
        var stem = Path.GetFileName(files.ModelPath)[..^ModelSuffix.Length];
        var source = stem != "voice" ? stem : config.Dataset ?? Path.GetFileName(Path.GetDirectoryName(files.ModelPath));
        return ModelNames.Sanitize(source, "piper-voice");
    }

    private static Dictionary<string, string> Metadata(PiperConfig config)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "piper" };
        AddIfSet(metadata, "piper.dataset", config.Dataset);
        AddIfSet(metadata, "piper.quality", config.Audio?.Quality);
        AddIfSet(metadata, "piper.version", config.PiperVersion);
        AddIfSet(metadata, "piper.phonemeType", config.PhonemeType ?? "espeak");
        if (config.NumSymbols is int symbols)
        {
            metadata["piper.numSymbols"] = symbols.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return metadata;
    }

    private static void AddIfSet(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            metadata[key] = value;
        }
    }

    private static List<PiperVoiceFiles> Pairs(string directory) =>
        Directory.EnumerateFiles(directory, "*" + ModelSuffix)
            .Where(model => model.EndsWith(ModelSuffix, StringComparison.Ordinal) && File.Exists(model + ".json"))
            .Order(StringComparer.Ordinal)
            .Select(model => new PiperVoiceFiles(model, model + ".json"))
            .ToList();

    private static string NoPairReason(string directory)
    {
        var models = Directory.EnumerateFiles(directory, "*" + ModelSuffix).Where(f => f.EndsWith(ModelSuffix, StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        return models.Count == 0
            ? "no <name>.onnx with <name>.onnx.json"
            : $"no <name>.onnx.json beside {string.Join(", ", models)}";
    }
}

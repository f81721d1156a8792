using System.Text.RegularExpressions;
using VoiceFleet.Models.Json;
using VoiceFleet.Onnx;

namespace VoiceFleet.Models.Manifest;

/// <summary>The checks behind <see cref="ModelManifestValidator"/>, in file order; the first failure throws.</summary>
internal sealed partial class ManifestChecker(string fileName, bool requireFiles)
{
    private const string NameRule = "1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit";

    public void Check(ModelManifest m)
    {
        if (m.Schema != ModelManifest.SchemaId)
        {
            throw Error("schema", string.IsNullOrEmpty(m.Schema)
                ? $"is required: \"{ModelManifest.SchemaId}\""
                : $"'{m.Schema}' is not supported; this version reads \"{ModelManifest.SchemaId}\"");
        }

        CheckName("name", m.Name, "model name");
        CheckName("version", m.Version, "version");
        var rules = ComponentRules.For(m.Kind);
        if (rules.Count == 0)
        {
            throw Error("kind", m.Kind == ModelKind.Unspecified
                ? $"is required: one of {ModelKindJsonConverter.Instance.Allowed}"
                : $"{(int)m.Kind} is not a model kind");
        }

        CheckSampleRate("sampleRate", m.SampleRate);
        CheckFiles(m.Files);
        CheckComponents(m, rules);

        var kind = ModelKindJsonConverter.Instance.NameOf(m.Kind);
        var speaks = m.Kind is ModelKind.EndToEnd or ModelKind.TwoStage;
        if (speaks)
        {
            CheckPhonemes(m.Phonemes ?? throw Error("phonemes", $"is required: a {kind} model reads phoneme ids"));
            if (m.Inference is { } inference)
            {
                CheckInference(inference);
            }

            if (m.Features is not null)
            {
                throw Error("features", $"only encoders have features; a {kind} model reads phonemes");
            }
        }
        else
        {
            ForbidIn(kind, "phonemes", m.Phonemes);
            ForbidIn(kind, "inference", m.Inference);
            CheckFeatures(m.Features ?? throw Error("features", $"is required: the audio features a {kind} reads"));
        }

        if (m.Kind == ModelKind.TwoStage)
        {
            CheckMel(m.Mel ?? throw Error("mel", "is required: the mel spectrogram between the acoustic model and the vocoder"));
        }
        else
        {
            ForbidIn(kind, "mel", m.Mel);
        }

        CheckConditioning(m);
        CheckMetadata(m.Metadata);
    }

    private ModelManifestException Error(string path, string detail) => new(fileName, path, detail);

    private void ForbidIn(string? kind, string path, object? value)
    {
        if (value is not null)
        {
            throw Error(path, $"a {kind} model has no {path}");
        }
    }

    private void CheckName(string path, string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Error(path, $"is required: {NameRule}");
        }

        if (!ModelNames.IsValid(value))
        {
            throw Error(path, $"'{BundleFileNames.Printable(value)}' is not a valid {what}: {NameRule}");
        }
    }

    private void CheckSampleRate(string path, int rate)
    {
        if (rate is < ModelManifestValidator.MinSampleRate or > ModelManifestValidator.MaxSampleRate)
        {
            throw Error(path, rate == 0
                ? $"is required: a rate in Hz from {ModelManifestValidator.MinSampleRate} to {ModelManifestValidator.MaxSampleRate}"
                : $"{rate} Hz is outside {ModelManifestValidator.MinSampleRate}–{ModelManifestValidator.MaxSampleRate} Hz");
        }
    }

    private void CheckFiles(IReadOnlyDictionary<string, ModelFile>? files)
    {
        if (files is null)
        {
            throw Error("files", "is required");
        }

        if (requireFiles && files.Count == 0)
        {
            throw Error("files", "lists no files; every file of the bundle is listed with its sha256 and size");
        }

        foreach (var (name, file) in files)
        {
            var path = JsonPaths.Property("files", name);
            if (BundleFileNames.Problem(name) is { } problem)
            {
                throw Error(path, problem);
            }

            if (files.Keys.FirstOrDefault(other => other.StartsWith(name + "/", StringComparison.Ordinal)) is { } nested)
            {
                throw Error(path, $"'{name}' is listed as a file, but '{nested}' puts a folder of that name");
            }

            if (file is null)
            {
                throw Error(path, "must be an object with sha256 and bytes");
            }

            if (file.Sha256 is null || !Sha256Regex().IsMatch(file.Sha256))
            {
                throw Error(JsonPaths.Property(path, "sha256"), $"'{file.Sha256}' is not a SHA-256: 64 lowercase hex digits");
            }

            if (file.Bytes < 0)
            {
                throw Error(JsonPaths.Property(path, "bytes"), $"{file.Bytes} is negative");
            }
        }
    }

    private void CheckComponents(ModelManifest m, IReadOnlyList<ComponentRules> rules)
    {
        if (m.Components is null)
        {
            throw Error("components", "is required");
        }

        var kind = ModelKindJsonConverter.Instance.NameOf(m.Kind);
        var names = string.Join(", ", rules.Select(r => r.Name));
        foreach (var name in m.Components.Keys)
        {
            if (!rules.Any(r => r.Name == name))
            {
                throw Error(JsonPaths.Property("components", name), $"a {kind} model has no component '{name}'; its components: {names}");
            }
        }

        foreach (var rule in rules)
        {
            var path = JsonPaths.Property("components", rule.Name);
            if (!m.Components.TryGetValue(rule.Name, out var component))
            {
                throw Error(path, $"is required: a {kind} model has the components {names}");
            }

            CheckComponent(path, component, rule, m.Files);
        }
    }

    private void CheckComponent(string path, ModelComponent? component, ComponentRules rule, IReadOnlyDictionary<string, ModelFile> files)
    {
        if (component is null)
        {
            throw Error(path, "must be an object with file, inputs and outputs");
        }

        var filePath = JsonPaths.Property(path, "file");
        if (string.IsNullOrEmpty(component.File))
        {
            throw Error(filePath, "is required: the ONNX file, relative to the bundle");
        }

        if (BundleFileNames.Problem(component.File) is { } problem)
        {
            throw Error(filePath, problem);
        }

        if (requireFiles && !files.ContainsKey(component.File))
        {
            throw Error(filePath, $"'{component.File}' is not listed in files");
        }

        CheckTensors(JsonPaths.Property(path, "inputs"), component.Inputs, rule, rule.Inputs, rule.RequiredInputs, "input");
        CheckTensors(JsonPaths.Property(path, "outputs"), component.Outputs, rule, rule.Outputs, rule.RequiredOutputs, "output");
    }

    private void CheckTensors(
        string path,
        IReadOnlyList<TensorSpec>? tensors,
        ComponentRules rule,
        IReadOnlyList<TensorRole> allowed,
        IReadOnlyList<TensorRole> required,
        string direction)
    {
        if (tensors is null)
        {
            throw Error(path, "is required");
        }

        var allowedNames = string.Join(", ", allowed.Select(TensorRoleRules.Name));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var roles = new Dictionary<TensorRole, string>();
        for (var i = 0; i < tensors.Count; i++)
        {
            var at = JsonPaths.Index(path, i);
            var tensor = tensors[i] ?? throw Error(at, "must be an object with name, role, type and shape");
            if (string.IsNullOrEmpty(tensor.Name))
            {
                throw Error(JsonPaths.Property(at, "name"), "is required: the tensor's name in the ONNX graph");
            }

            if (!names.Add(tensor.Name))
            {
                throw Error(JsonPaths.Property(at, "name"), $"'{tensor.Name}' is declared twice");
            }

            var rolePath = JsonPaths.Property(at, "role");
            var role = TensorRoleRules.Name(tensor.Role);
            if (tensor.Role == TensorRole.Unspecified)
            {
                throw Error(rolePath, $"is required: one of {allowedNames}");
            }

            if (!allowed.Contains(tensor.Role))
            {
                throw Error(rolePath, $"'{role}' is not an {direction} role of the {rule.Name} component; allowed: {allowedNames}");
            }

            if (roles.TryGetValue(tensor.Role, out var other))
            {
                throw Error(rolePath, $"'{role}' is already the role of {direction} '{other}'");
            }

            roles.Add(tensor.Role, tensor.Name);
            var typePath = JsonPaths.Property(at, "type");
            if (tensor.ElementType == OnnxElementType.Undefined)
            {
                throw Error(typePath, $"is required: {TensorRoleRules.AllowedTypes(tensor.Role)} for role '{role}'");
            }

            if (!TensorRoleRules.Allows(tensor.Role, tensor.ElementType))
            {
                throw Error(typePath, $"{TensorRoleRules.Name(tensor.ElementType)} does not suit role '{role}': expected {TensorRoleRules.AllowedTypes(tensor.Role)}");
            }

            CheckShape(JsonPaths.Property(at, "shape"), tensor);
        }

        foreach (var role in required)
        {
            if (!roles.ContainsKey(role))
            {
                throw Error(path, $"the {rule.Name} component needs an {direction} with role '{TensorRoleRules.Name(role)}'");
            }
        }
    }

    private void CheckShape(string path, TensorSpec tensor)
    {
        if (tensor.Shape is null)
        {
            throw Error(path, "is required: the dimensions, integers (fixed) or names (symbolic)");
        }

        var (min, max) = TensorRoleRules.Ranks(tensor.Role);
        if (tensor.Shape.Count < min || tensor.Shape.Count > max)
        {
            var expected = min == max ? $"{min}" : $"{min} to {max}";
            throw Error(path, $"rank {tensor.Shape.Count} does not suit role '{TensorRoleRules.Name(tensor.Role)}': expected rank {expected}");
        }

        for (var k = 0; k < tensor.Shape.Count; k++)
        {
            var dim = tensor.Shape[k];
            if (dim.IsFixed && dim.Size <= 0)
            {
                throw Error(JsonPaths.Index(path, k), $"{dim.Size} is not a size: fixed dimensions are positive integers");
            }

            if (!dim.IsFixed && string.IsNullOrWhiteSpace(dim.Symbol))
            {
                throw Error(JsonPaths.Index(path, k), "a symbolic dimension needs a name");
            }
        }

        if (tensor.Role == TensorRole.Scales && tensor.Shape[0].IsFixed && tensor.Shape[0].Size != 3)
        {
            throw Error(JsonPaths.Index(path, 0), $"{tensor.Shape[0].Size}: the scales input holds noiseScale, lengthScale and noiseW, so its size is 3");
        }
    }

    private void CheckPhonemes(PhonemeSpec phonemes)
    {
        if (string.IsNullOrWhiteSpace(phonemes.Alphabet))
        {
            throw Error("phonemes.alphabet", "is required, e.g. \"ipa\" or \"text\"");
        }

        if (phonemes.IdMap is null || phonemes.IdMap.Count == 0)
        {
            throw Error("phonemes.idMap", "is required and must not be empty: each phoneme and its ids");
        }

        foreach (var (phoneme, ids) in phonemes.IdMap)
        {
            var path = JsonPaths.Property("phonemes.idMap", phoneme);
            if (phoneme.Length == 0)
            {
                throw Error(path, "a phoneme must not be empty");
            }

            if (ids is null || ids.Count == 0)
            {
                throw Error(path, $"phoneme '{phoneme}' has no ids");
            }

            for (var j = 0; j < ids.Count; j++)
            {
                if (ids[j] < 0)
                {
                    throw Error(JsonPaths.Index(path, j), $"{ids[j]} is negative");
                }
            }
        }

        CheckSymbol("phonemes.bos", phonemes.Bos, phonemes.IdMap);
        CheckSymbol("phonemes.eos", phonemes.Eos, phonemes.IdMap);
        CheckSymbol("phonemes.pad", phonemes.Pad, phonemes.IdMap);
        if (phonemes.Intersperse && phonemes.Pad is null)
        {
            throw Error("phonemes.pad", "is required when intersperse is true");
        }

        if (phonemes.Map is null)
        {
            throw Error("phonemes.map", "must be an object");
        }

        foreach (var (phoneme, replacement) in phonemes.Map)
        {
            var path = JsonPaths.Property("phonemes.map", phoneme);
            if (phoneme.Length == 0)
            {
                throw Error(path, "a phoneme must not be empty");
            }

            if (replacement is null)
            {
                throw Error(path, "must be a list of phonemes");
            }

            for (var j = 0; j < replacement.Count; j++)
            {
                if (string.IsNullOrEmpty(replacement[j]))
                {
                    throw Error(JsonPaths.Index(path, j), "a phoneme must not be empty");
                }
            }
        }

        if (phonemes.Language is { } language && string.IsNullOrWhiteSpace(language))
        {
            throw Error("phonemes.language", "must not be blank; leave it out when unknown");
        }

        if (phonemes.EspeakVoice is { } voice && string.IsNullOrWhiteSpace(voice))
        {
            throw Error("phonemes.espeakVoice", "must not be blank; leave it out when unknown");
        }
    }

    private void CheckSymbol(string path, string? symbol, IReadOnlyDictionary<string, IReadOnlyList<long>> idMap)
    {
        if (symbol is null)
        {
            return;
        }

        if (symbol.Length == 0)
        {
            throw Error(path, "must not be empty; leave it out for none");
        }

        if (!idMap.ContainsKey(symbol))
        {
            throw Error(path, $"'{symbol}' is not in phonemes.idMap");
        }
    }

    private void CheckInference(InferenceDefaults inference)
    {
        CheckPositive("inference.noiseScale", inference.NoiseScale);
        CheckPositive("inference.lengthScale", inference.LengthScale);
        CheckPositive("inference.noiseW", inference.NoiseW);
    }

    private void CheckPositive(string path, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw Error(path, value == 0 ? "is required: a positive number" : $"{value} is not a positive finite number");
        }
    }

    private void CheckPositive(string path, int value)
    {
        if (value <= 0)
        {
            throw Error(path, value == 0 ? "is required: a positive integer" : $"{value} is not positive");
        }
    }

    private void CheckMel(MelSpec mel)
    {
        CheckPositive("mel.bins", mel.Bins);
        CheckPositive("mel.hopLength", mel.HopLength);
    }

    private void CheckFeatures(FeatureSpec features)
    {
        if (string.IsNullOrWhiteSpace(features.Type))
        {
            throw Error("features.type", "is required, e.g. \"kaldi-fbank\"");
        }

        CheckSampleRate("features.sampleRate", features.SampleRate);
        CheckPositive("features.bins", features.Bins);
        CheckPositive("features.frameLengthMs", features.FrameLengthMs);
        CheckPositive("features.frameShiftMs", features.FrameShiftMs);
    }

    private void CheckConditioning(ModelManifest m)
    {
        var speaker = m.Conditioning?.Speaker;
        var emotion = m.Conditioning?.Emotion;
        if (speaker is not null)
        {
            CheckSpeaker("conditioning.speaker", speaker);
        }

        if (emotion is not null)
        {
            CheckEmotion("conditioning.emotion", emotion);
        }

        switch (m.Kind)
        {
            case ModelKind.SpeakerEncoder:
                {
                    var size = speaker?.EmbeddingSize ?? throw Error("conditioning.speaker.embeddingSize", "is required: the size of the embedding the encoder produces");
                    foreach (var (path, tensor) in Tensors(m, TensorRole.Embedding))
                    {
                        CheckLastDim(path, tensor, size, "conditioning.speaker.embeddingSize");
                    }

                    if (emotion is not null)
                    {
                        throw Error("conditioning.emotion", "a speaker encoder has no emotion space");
                    }

                    break;
                }

            case ModelKind.EmotionEncoder:
                {
                    if (emotion is null)
                    {
                        throw Error("conditioning.emotion", "is required: the emotion space the encoder produces");
                    }

                    foreach (var (path, tensor) in Tensors(m, TensorRole.Embedding))
                    {
                        CheckLastDim(path, tensor, emotion.EmbeddingSize, "conditioning.emotion.embeddingSize");
                    }

                    foreach (var (path, tensor) in Tensors(m, TensorRole.Logits))
                    {
                        CheckLastDim(path, tensor, emotion.Labels.Count, "the number of conditioning.emotion.labels");
                    }

                    if (speaker is not null)
                    {
                        throw Error("conditioning.speaker", "an emotion encoder has no speaker space");
                    }

                    break;
                }

            default:
                CheckSpeakerInputs(m, speaker);
                CheckEmotionInputs(m, emotion);
                break;
        }
    }

    private void CheckSpeakerInputs(ModelManifest m, SpeakerConditioning? speaker)
    {
        var embeddingInputs = Tensors(m, TensorRole.SpeakerEmbedding).ToList();
        foreach (var (path, tensor) in embeddingInputs)
        {
            var size = speaker?.EmbeddingSize ?? throw Error(path, "a speakerEmbedding input needs conditioning.speaker.embeddingSize");
            CheckLastDim(path, tensor, size, "conditioning.speaker.embeddingSize");
        }

        if (speaker?.EmbeddingSize is not null && embeddingInputs.Count == 0)
        {
            throw Error("conditioning.speaker.embeddingSize", "no component has a speakerEmbedding input");
        }

        var idInputs = Tensors(m, TensorRole.SpeakerId).ToList();
        var describesIds = speaker is not null && (speaker.SpeakerCount is not null || speaker.SpeakerIdMap.Count > 0);
        foreach (var (path, _) in idInputs)
        {
            if (!describesIds)
            {
                throw Error(path, "a speakerId input needs conditioning.speaker.speakerCount or speakerIdMap");
            }
        }

        if (describesIds && idInputs.Count == 0)
        {
            throw Error(speaker!.SpeakerCount is not null ? "conditioning.speaker.speakerCount" : "conditioning.speaker.speakerIdMap", "no component has a speakerId input");
        }
    }

    private void CheckEmotionInputs(ModelManifest m, EmotionConditioning? emotion)
    {
        var inputs = Tensors(m, TensorRole.EmotionEmbedding).ToList();
        foreach (var (path, tensor) in inputs)
        {
            if (emotion is null)
            {
                throw Error(path, "an emotionEmbedding input needs conditioning.emotion");
            }

            CheckLastDim(path, tensor, emotion.EmbeddingSize, "conditioning.emotion.embeddingSize");
        }

        if (emotion is not null && inputs.Count == 0)
        {
            throw Error("conditioning.emotion", "no component has an emotionEmbedding input");
        }
    }

    private void CheckLastDim(string path, TensorSpec tensor, long expected, string what)
    {
        if (tensor.Shape.Count > 0 && tensor.Shape[^1] is { IsFixed: true } last && last.Size != expected)
        {
            throw Error(JsonPaths.Index(JsonPaths.Property(path, "shape"), tensor.Shape.Count - 1), $"{last.Size} differs from {what} ({expected})");
        }
    }

    private static IEnumerable<(string Path, TensorSpec Tensor)> Tensors(ModelManifest m, TensorRole role)
    {
        foreach (var (name, component) in m.Components)
        {
            var path = JsonPaths.Property("components", name);
            for (var i = 0; i < component.Inputs.Count; i++)
            {
                if (component.Inputs[i].Role == role)
                {
                    yield return (JsonPaths.Index(JsonPaths.Property(path, "inputs"), i), component.Inputs[i]);
                }
            }

            for (var i = 0; i < component.Outputs.Count; i++)
            {
                if (component.Outputs[i].Role == role)
                {
                    yield return (JsonPaths.Index(JsonPaths.Property(path, "outputs"), i), component.Outputs[i]);
                }
            }
        }
    }

    private void CheckSpeaker(string p, SpeakerConditioning speaker)
    {
        if (speaker.EmbeddingSize is int size && size <= 0)
        {
            throw Error($"{p}.embeddingSize", $"{size} is not positive");
        }

        if (speaker.Encoder is { } encoder)
        {
            CheckEncoder($"{p}.encoder", encoder);
        }

        if (speaker.Presets is null)
        {
            throw Error($"{p}.presets", "must be an object");
        }

        if (speaker.Presets.Count > 0 && speaker.EmbeddingSize is null)
        {
            throw Error($"{p}.presets", "presets need conditioning.speaker.embeddingSize");
        }

        CheckEmbeddings($"{p}.presets", speaker.Presets, speaker.EmbeddingSize ?? 0, "embeddingSize");
        if (speaker.SpeakerCount is int count && count < 1)
        {
            throw Error($"{p}.speakerCount", $"{count} is not positive");
        }

        if (speaker.SpeakerIdMap is null)
        {
            throw Error($"{p}.speakerIdMap", "must be an object");
        }

        foreach (var (name, id) in speaker.SpeakerIdMap)
        {
            var path = JsonPaths.Property($"{p}.speakerIdMap", name);
            if (name.Length == 0)
            {
                throw Error(path, "a speaker name must not be empty");
            }

            if (id < 0 || (speaker.SpeakerCount is int n && id >= n))
            {
                throw Error(path, speaker.SpeakerCount is int total ? $"id {id} is outside 0–{total - 1} (speakerCount {total})" : $"id {id} is negative");
            }
        }
    }

    private void CheckEmotion(string p, EmotionConditioning emotion)
    {
        if (emotion.EmbeddingSize <= 0)
        {
            throw Error($"{p}.embeddingSize", emotion.EmbeddingSize == 0 ? "is required: a positive integer" : $"{emotion.EmbeddingSize} is not positive");
        }

        if (emotion.Labels is null || emotion.Labels.Count == 0)
        {
            throw Error($"{p}.labels", "is required: the emotion labels, e.g. [\"neutral\", \"happy\"]");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < emotion.Labels.Count; i++)
        {
            var label = emotion.Labels[i];
            if (string.IsNullOrWhiteSpace(label))
            {
                throw Error(JsonPaths.Index($"{p}.labels", i), "a label must not be empty");
            }

            if (!seen.Add(label))
            {
                throw Error(JsonPaths.Index($"{p}.labels", i), $"'{label}' is listed twice");
            }
        }

        if (emotion.Prototypes is null)
        {
            throw Error($"{p}.prototypes", "must be an object");
        }

        foreach (var label in emotion.Prototypes.Keys)
        {
            if (!seen.Contains(label))
            {
                throw Error(JsonPaths.Property($"{p}.prototypes", label), $"'{label}' is not one of the labels");
            }
        }

        CheckEmbeddings($"{p}.prototypes", emotion.Prototypes, emotion.EmbeddingSize, "embeddingSize");
        if (emotion.Encoder is { } encoder)
        {
            CheckEncoder($"{p}.encoder", encoder);
        }
    }

    private void CheckEmbeddings(string path, IReadOnlyDictionary<string, IReadOnlyList<float>> embeddings, int size, string sizeName)
    {
        foreach (var (name, values) in embeddings)
        {
            var at = JsonPaths.Property(path, name);
            if (name.Length == 0)
            {
                throw Error(at, "a name must not be empty");
            }

            if (values is null)
            {
                throw Error(at, "must be a list of numbers");
            }

            if (values.Count != size)
            {
                throw Error(at, $"has {values.Count} values; {sizeName} is {size}");
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (!float.IsFinite(values[i]))
                {
                    throw Error(JsonPaths.Index(at, i), $"{values[i]} is not a finite number");
                }
            }
        }
    }

    private void CheckEncoder(string path, EncoderRef encoder)
    {
        CheckName($"{path}.name", encoder.Name, "model name");
        CheckName($"{path}.version", encoder.Version, "version");
    }

    private void CheckMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            throw Error("metadata", "must be an object of strings");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length == 0)
            {
                throw Error("metadata", "a key must not be empty");
            }

            if (value is null)
            {
                throw Error(JsonPaths.Property("metadata", key), "must be a string");
            }
        }
    }

    [GeneratedRegex(@"\A[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Regex();
}

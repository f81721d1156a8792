using System.Text.Json.Nodes;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Tests.Support;
using Xunit;

namespace VoiceFleet.Models.Tests.Manifest;

/// <summary>Every broken manifest fails with a message naming the field by its JSON path.</summary>
public sealed class ManifestValidationTests
{
    private sealed record Case(Func<ModelManifest> Base, Action<JsonObject> Break, string Path);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["schema-other"] = E2E(j => j["schema"] = "voicefleet.model/v2", "schema"),
        ["schema-missing"] = E2E(j => j.Remove("schema"), "schema"),
        ["name-upper-case"] = E2E(j => j["name"] = "Forge", "name"),
        ["name-traversal"] = E2E(j => j["name"] = "../forge", "name"),
        ["name-null"] = E2E(j => j["name"] = null, "name"),
        ["name-missing"] = E2E(j => j.Remove("name"), "name"),
        ["version-space"] = E2E(j => j["version"] = "v 21", "version"),
        ["version-too-long"] = E2E(j => j["version"] = new string('v', 65), "version"),
        ["kind-unknown"] = E2E(j => j["kind"] = "three-stage", "kind"),
        ["kind-number"] = E2E(j => j["kind"] = 1, "kind"),
        ["kind-missing"] = E2E(j => j.Remove("kind"), "kind"),
        ["description-number"] = E2E(j => j["description"] = 5, "description"),
        ["sample-rate-low"] = E2E(j => j["sampleRate"] = 4000, "sampleRate"),
        ["sample-rate-high"] = E2E(j => j["sampleRate"] = 384000, "sampleRate"),
        ["sample-rate-string"] = E2E(j => j["sampleRate"] = "22050", "sampleRate"),
        ["sample-rate-fraction"] = E2E(j => j["sampleRate"] = 22050.5, "sampleRate"),
        ["sample-rate-missing"] = E2E(j => j.Remove("sampleRate"), "sampleRate"),
        ["files-empty"] = E2E(j => j["files"] = new JsonObject(), "files"),
        ["files-sha-upper-case"] = E2E(j => j["files"]!["model.onnx"]!["sha256"] = new string('A', 64), "files['model.onnx'].sha256"),
        ["files-sha-short"] = E2E(j => j["files"]!["model.onnx"]!["sha256"] = "abc", "files['model.onnx'].sha256"),
        ["files-bytes-negative"] = E2E(j => j["files"]!["model.onnx"]!["bytes"] = -1, "files['model.onnx'].bytes"),
        ["files-bytes-string"] = E2E(j => j["files"]!["model.onnx"]!["bytes"] = "10", "files['model.onnx'].bytes"),
        ["files-dot-dot"] = E2E(j => AddFile(j, "../model.onnx"), "files['../model.onnx']"),
        ["files-nested-dot-dot"] = E2E(j => AddFile(j, "a/../../model.onnx"), "files['a/../../model.onnx']"),
        ["files-rooted"] = E2E(j => AddFile(j, "/etc/passwd"), "files['/etc/passwd']"),
        ["files-backslash"] = E2E(j => AddFile(j, "a\\b.onnx"), "files['a\\b.onnx']"),
        ["files-manifest-itself"] = E2E(j => AddFile(j, "model.json"), "files['model.json']"),
        ["component-file-unlisted"] = E2E(j => Model(j)["file"] = "other.onnx", "components.model.file"),
        ["component-file-missing"] = E2E(j => Model(j).Remove("file"), "components.model.file"),
        ["component-unknown"] = E2E(j => j["components"]!["vocoder"] = Model(j).DeepClone(), "components.vocoder"),
        ["component-missing"] = E2E(j => j["components"] = new JsonObject(), "components.model"),
        ["components-array"] = E2E(j => j["components"] = new JsonArray(), "components"),
        ["input-name-missing"] = E2E(j => Input(j, 1).Remove("name"), "components.model.inputs[1].name"),
        ["input-name-twice"] = E2E(j => Input(j, 1)["name"] = "input", "components.model.inputs[1].name"),
        ["input-role-unknown"] = E2E(j => Input(j, 2)["role"] = "volume", "components.model.inputs[2].role"),
        ["input-role-of-outputs"] = E2E(j => Input(j, 2)["role"] = "audio", "components.model.inputs[2].role"),
        ["input-role-twice"] = E2E(j => Input(j, 1)["role"] = "phonemeIds", "components.model.inputs[1].role"),
        ["input-role-of-encoders"] = E2E(j => Input(j, 5)["role"] = "features", "components.model.inputs[5].role"),
        ["input-type-unknown"] = E2E(j => Input(j, 0)["type"] = "int128", "components.model.inputs[0].type"),
        ["input-type-wrong-for-role"] = E2E(j => Input(j, 0)["type"] = "float32", "components.model.inputs[0].type"),
        ["input-type-missing"] = E2E(j => Input(j, 0).Remove("type"), "components.model.inputs[0].type"),
        ["input-shape-rank"] = E2E(j => Input(j, 2)["shape"] = new JsonArray(3, 3), "components.model.inputs[2].shape"),
        ["input-shape-zero"] = E2E(j => Input(j, 0)["shape"] = new JsonArray("batch", 0), "components.model.inputs[0].shape[1]"),
        ["input-shape-empty-name"] = E2E(j => Input(j, 0)["shape"] = new JsonArray("batch", ""), "components.model.inputs[0].shape[1]"),
        ["input-shape-boolean"] = E2E(j => Input(j, 0)["shape"] = new JsonArray("batch", true), "components.model.inputs[0].shape"),
        ["input-shape-string"] = E2E(j => Input(j, 0)["shape"] = "batch", "components.model.inputs[0].shape"),
        ["scales-size"] = E2E(j => Input(j, 2)["shape"] = new JsonArray(2), "components.model.inputs[2].shape[0]"),
        ["inputs-without-phoneme-ids"] = E2E(j => Inputs(j).RemoveAt(0), "components.model.inputs"),
        ["outputs-without-audio"] = E2E(j => Model(j)["outputs"] = new JsonArray(), "components.model.outputs"),
        ["output-role-of-inputs"] = E2E(j => Model(j)["outputs"]![0]!["role"] = "seed", "components.model.outputs[0].role"),
        ["speaker-input-size"] = E2E(j => Input(j, 3)["shape"] = new JsonArray("batch", 5), "components.model.inputs[3].shape[1]"),
        ["emotion-input-size"] = E2E(j => Input(j, 4)["shape"] = new JsonArray("batch", 8), "components.model.inputs[4].shape[1]"),
        ["phonemes-missing"] = E2E(j => j.Remove("phonemes"), "phonemes"),
        ["phonemes-alphabet-missing"] = E2E(j => Phonemes(j).Remove("alphabet"), "phonemes.alphabet"),
        ["id-map-empty"] = E2E(j => Phonemes(j)["idMap"] = new JsonObject(), "phonemes.idMap"),
        ["id-map-negative"] = E2E(j => Phonemes(j)["idMap"]!["a"] = new JsonArray(-1), "phonemes.idMap.a[0]"),
        ["id-map-no-ids"] = E2E(j => Phonemes(j)["idMap"]!["a"] = new JsonArray(), "phonemes.idMap.a"),
        ["id-map-string"] = E2E(j => Phonemes(j)["idMap"]!["a"] = "x", "phonemes.idMap.a"),
        ["id-map-fraction"] = E2E(j => Phonemes(j)["idMap"]!["a"] = new JsonArray(1.5), "phonemes.idMap.a"),
        ["bos-not-in-map"] = E2E(j => Phonemes(j)["bos"] = "#", "phonemes.bos"),
        ["eos-empty"] = E2E(j => Phonemes(j)["eos"] = "", "phonemes.eos"),
        ["pad-missing-while-interspersing"] = E2E(j => Phonemes(j).Remove("pad"), "phonemes.pad"),
        ["intersperse-string"] = E2E(j => Phonemes(j)["intersperse"] = "yes", "phonemes.intersperse"),
        ["inference-negative"] = E2E(j => j["inference"]!["noiseScale"] = -1, "inference.noiseScale"),
        ["inference-zero"] = E2E(j => j["inference"]!["lengthScale"] = 0, "inference.lengthScale"),
        ["mel-on-end-to-end"] = E2E(j => j["mel"] = new JsonObject { ["bins"] = 80, ["hopLength"] = 256 }, "mel"),
        ["features-on-end-to-end"] = E2E(j => j["features"] = new JsonObject { ["type"] = "kaldi-fbank" }, "features"),
        ["speaker-size-zero"] = E2E(j => Speaker(j)["embeddingSize"] = 0, "conditioning.speaker.embeddingSize"),
        ["speaker-size-missing"] = E2E(j => Speaker(j).Remove("embeddingSize"), "conditioning.speaker.presets"),
        ["preset-short"] = E2E(j => Speaker(j)["presets"]!["ava"] = new JsonArray(0.1), "conditioning.speaker.presets.ava"),
        ["preset-not-numbers"] = E2E(j => Speaker(j)["presets"]!["ava"] = new JsonArray("a", "b", "c", "d"), "conditioning.speaker.presets.ava"),
        ["speaker-encoder-version"] = E2E(j => Speaker(j)["encoder"]!["version"] = "V1", "conditioning.speaker.encoder.version"),
        ["speaker-count-without-speaker-id"] = E2E(j => Speaker(j)["speakerCount"] = 2, "conditioning.speaker.speakerCount"),
        ["speaker-id-map-without-speaker-id"] = E2E(j => Speaker(j)["speakerIdMap"] = new JsonObject { ["ava"] = 0 }, "conditioning.speaker.speakerIdMap"),
        ["speaker-id-without-map"] = E2E(j => Input(j, 5)["role"] = "speakerId", "components.model.inputs[5]"),
        ["speaker-missing"] = E2E(j => j["conditioning"]!.AsObject().Remove("speaker"), "components.model.inputs[3]"),
        ["emotion-missing"] = E2E(j => j["conditioning"]!.AsObject().Remove("emotion"), "components.model.inputs[4]"),
        ["emotion-size-zero"] = E2E(j => Emotion(j)["embeddingSize"] = 0, "conditioning.emotion.embeddingSize"),
        ["emotion-labels-empty"] = E2E(j => Emotion(j)["labels"] = new JsonArray(), "conditioning.emotion.labels"),
        ["emotion-label-twice"] = E2E(j => Emotion(j)["labels"]![1] = "neutral", "conditioning.emotion.labels[1]"),
        ["emotion-label-number"] = E2E(j => Emotion(j)["labels"]![1] = 1, "conditioning.emotion.labels"),
        ["prototype-unknown-label"] = E2E(j => Emotion(j)["prototypes"]!["bored"] = new JsonArray(1, 2, 3), "conditioning.emotion.prototypes.bored"),
        ["prototype-short"] = E2E(j => Emotion(j)["prototypes"]!["happy"] = new JsonArray(1), "conditioning.emotion.prototypes.happy"),
        ["metadata-number"] = E2E(j => j["metadata"]!["x"] = 1, "metadata.x"),
        ["two-stage-mel-missing"] = Two(j => j.Remove("mel"), "mel"),
        ["two-stage-mel-bins-zero"] = Two(j => j["mel"]!["bins"] = 0, "mel.bins"),
        ["two-stage-vocoder-missing"] = Two(j => j["components"]!.AsObject().Remove("vocoder"), "components.vocoder"),
        ["two-stage-acoustic-outputs-audio"] = Two(j => j["components"]!["acoustic"]!["outputs"]![0]!["role"] = "audio", "components.acoustic.outputs[0].role"),
        ["two-stage-vocoder-without-mel"] = Two(j => j["components"]!["vocoder"]!["inputs"] = new JsonArray(), "components.vocoder.inputs"),
        ["two-stage-vocoder-file-escapes"] = Two(j => j["components"]!["vocoder"]!["file"] = "../vocoder.onnx", "components.vocoder.file"),
        ["speaker-encoder-size-missing"] = Enc(Manifests.SpeakerEncoder, j => j.Remove("conditioning"), "conditioning.speaker.embeddingSize"),
        ["speaker-encoder-size-differs"] = Enc(Manifests.SpeakerEncoder, j => j["conditioning"]!["speaker"]!["embeddingSize"] = 8, "components.encoder.outputs[0].shape[1]"),
        ["speaker-encoder-features-missing"] = Enc(Manifests.SpeakerEncoder, j => j.Remove("features"), "features"),
        ["speaker-encoder-phonemes"] = Enc(Manifests.SpeakerEncoder, j => j["phonemes"] = new JsonObject(), "phonemes"),
        ["speaker-encoder-frame-shift-zero"] = Enc(Manifests.SpeakerEncoder, j => j["features"]!["frameShiftMs"] = 0, "features.frameShiftMs"),
        ["emotion-encoder-logits-missing"] = Enc(Manifests.EmotionEncoder, j => j["components"]!["encoder"]!["outputs"]!.AsArray().RemoveAt(1), "components.encoder.outputs"),
        ["emotion-encoder-logits-size"] = Enc(Manifests.EmotionEncoder, j => j["conditioning"]!["emotion"]!["labels"]!.AsArray().RemoveAt(6), "components.encoder.outputs[1].shape[1]"),
        ["emotion-encoder-space-missing"] = Enc(Manifests.EmotionEncoder, j => j.Remove("conditioning"), "conditioning.emotion"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Parse_BrokenManifest_NamesTheFieldByJsonPath(string caseName)
    {
        var broken = Cases[caseName];
        var json = JsonNode.Parse(Manifests.Json(broken.Base()))!.AsObject();
        broken.Break(json);

        var error = Assert.Throws<ModelManifestException>(() => ModelManifestReader.Parse(json.ToJsonString()));

        Assert.Equal(broken.Path, error.Path);
        Assert.Equal("model.json", error.File);
        var prefix = $"model.json: {broken.Path}: ";
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length > prefix.Length + 5, error.Message);
    }

    [Theory]
    [InlineData("end-to-end")]
    [InlineData("two-stage")]
    [InlineData("speaker-encoder")]
    [InlineData("emotion-encoder")]
    public void Parse_ValidManifestOfEachKind_Succeeds(string kind)
    {
        var manifest = kind switch
        {
            "end-to-end" => Manifests.EndToEnd(),
            "two-stage" => Manifests.TwoStage(),
            "speaker-encoder" => Manifests.SpeakerEncoder(),
            _ => Manifests.EmotionEncoder(),
        };

        var parsed = ModelManifestReader.Parse(Manifests.Json(manifest));

        Assert.Equal(manifest.Kind, parsed.Kind);
        Assert.Equal(manifest.Components.Keys.Order(), parsed.Components.Keys.Order());
    }

    [Fact]
    public void Parse_MalformedJson_NamesTheLine()
    {
        var error = Assert.Throws<ModelManifestException>(() => ModelManifestReader.Parse("{\n  \"schema\": \"voicefleet.model/v1\",\n  \"name\": \n}"));

        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateProperty_IsRefused()
    {
        var json = Manifests.Json(Manifests.EndToEnd()).Replace("\"name\": \"forge-voice\",", "\"name\": \"forge-voice\", \"name\": \"other\",", StringComparison.Ordinal);

        var error = Assert.Throws<ModelManifestException>(() => ModelManifestReader.Parse(json));

        Assert.Contains("name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullDocument_IsRefused()
    {
        var error = Assert.Throws<ModelManifestException>(() => ModelManifestReader.Parse("null"));

        Assert.Equal("", error.Path);
    }

    [Fact]
    public void Parse_UnknownProperties_AreIgnored()
    {
        var json = JsonNode.Parse(Manifests.Json(Manifests.EndToEnd()))!.AsObject();
        json["futureField"] = new JsonObject { ["x"] = 1 };
        json["components"]!["model"]!["inputs"]![0]!["quantization"] = "int8";

        var manifest = ModelManifestReader.Parse(json.ToJsonString());

        Assert.Equal("forge-voice", manifest.Name);
    }

    [Fact]
    public void Parse_WithByteOrderMark_Succeeds()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Manifests.Json(Manifests.EndToEnd()))).ToArray();

        Assert.Equal("v21", ModelManifestReader.Parse(bytes).Version);
    }

    [Fact]
    public void Parse_TheIssueExample_Succeeds()
    {
        // The shape from the issue, as the forge writes it (192-float speaker, 8-float emotion embeddings).
        var speaker = string.Join(", ", Enumerable.Range(0, 192).Select(i => (i / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var json = $$"""
            {
              "schema": "voicefleet.model/v1",
              "name": "forge-voice",
              "version": "v21",
              "kind": "end-to-end",
              "description": "A forged voice.",
              "sampleRate": 22050,
              "files": { "model.onnx": { "sha256": "{{new string('0', 64)}}", "bytes": 12345 } },
              "components": {
                "model": {
                  "file": "model.onnx",
                  "inputs": [ { "name": "input", "role": "phonemeIds", "type": "int64", "shape": ["batch", "phonemes"] },
                              { "name": "input_lengths", "role": "phonemeLengths", "type": "int64", "shape": ["batch"] },
                              { "name": "scales", "role": "scales", "type": "float32", "shape": [3] },
                              { "name": "speaker", "role": "speakerEmbedding", "type": "float32", "shape": ["batch", 192] },
                              { "name": "emotion", "role": "emotionEmbedding", "type": "float32", "shape": ["batch", 8] },
                              { "name": "seed", "role": "seed", "type": "int64", "shape": ["batch"] } ],
                  "outputs": [ { "name": "output", "role": "audio", "type": "float32", "shape": ["batch", 1, "samples"] } ]
                }
              },
              "phonemes": { "alphabet": "ipa", "idMap": { "_": [0], "^": [1], "$": [2], "a": [14] },
                            "bos": "^", "eos": "$", "pad": "_", "intersperse": true },
              "inference": { "noiseScale": 0.667, "lengthScale": 1.0, "noiseW": 0.8 },
              "conditioning": {
                "speaker": { "embeddingSize": 192, "encoder": { "name": "forge-speaker", "version": "v1" },
                             "presets": { "ava": [{{speaker}}] }, "speakerIdMap": { } },
                "emotion": { "embeddingSize": 8, "labels": ["neutral","happy","sad","angry","surprised","fearful","disgusted"],
                             "prototypes": { "happy": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] }, "encoder": { "name": "forge-emotion", "version": "v1" } }
              },
              "metadata": { "free": "string map" }
            }
            """;

        var manifest = ModelManifestReader.Parse(json);

        Assert.Equal(ModelKind.EndToEnd, manifest.Kind);
        Assert.Equal(192, manifest.Conditioning!.Speaker!.Presets["ava"].Count);
        Assert.Equal(0.667f, manifest.Inference!.NoiseScale);
        Assert.Equal([TensorDim.Symbolic("batch"), TensorDim.Fixed(192)], manifest.Components["model"].Inputs[3].Shape);
        Assert.Equal(TensorRole.EmotionEmbedding, manifest.Components["model"].Inputs[4].Role);
        Assert.Equal(Onnx.OnnxElementType.Int64, manifest.Components["model"].Inputs[5].ElementType);
    }

    [Fact]
    public void Validate_RecordBuiltInCode_ChecksTheSameRules()
    {
        var manifest = Manifests.EndToEnd();

        Assert.Equal("files", Assert.Throws<ModelManifestException>(() => ModelManifestValidator.Validate(manifest)).Path);
        var withFiles = manifest with
        {
            SampleRate = 100,
            Files = new Dictionary<string, ModelFile> { ["model.onnx"] = new() { Sha256 = new string('b', 64), Bytes = 1 } },
        };
        Assert.Equal("sampleRate", Assert.Throws<ModelManifestException>(() => ModelManifestValidator.Validate(withFiles)).Path);
        ModelManifestValidator.Validate(withFiles with { SampleRate = 22050 });
    }

    private static Case E2E(Action<JsonObject> mutate, string path) => new(() => Manifests.EndToEnd(), mutate, path);

    private static Case Two(Action<JsonObject> mutate, string path) => new(() => Manifests.TwoStage(), mutate, path);

    private static Case Enc(Func<ModelManifest> manifest, Action<JsonObject> mutate, string path) => new(manifest, mutate, path);

    private static JsonObject Model(JsonObject json) => json["components"]!["model"]!.AsObject();

    private static JsonArray Inputs(JsonObject json) => Model(json)["inputs"]!.AsArray();

    private static JsonObject Input(JsonObject json, int index) => Inputs(json)[index]!.AsObject();

    private static JsonObject Phonemes(JsonObject json) => json["phonemes"]!.AsObject();

    private static JsonObject Speaker(JsonObject json) => json["conditioning"]!["speaker"]!.AsObject();

    private static JsonObject Emotion(JsonObject json) => json["conditioning"]!["emotion"]!.AsObject();

    private static void AddFile(JsonObject json, string name) =>
        json["files"]![name] = new JsonObject { ["sha256"] = new string('a', 64), ["bytes"] = 1 };
}

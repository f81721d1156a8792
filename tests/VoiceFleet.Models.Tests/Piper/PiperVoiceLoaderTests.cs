using System.Text.Json.Nodes;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Models.Piper;
using VoiceFleet.Models.Store;
using VoiceFleet.Models.Tests.Support;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Models.Tests.Piper;

public sealed class PiperVoiceLoaderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("onnx")]
    [InlineData("json")]
    [InlineData("directory")]
    public void Load_SingleSpeakerVoice_MapsToAnEndToEndManifest(string pathKind)
    {
        var model = PiperVoices.Write(temp.Path, "en_US-lessac-medium", PiperVoices.Config(), TestModels.PiperShaped());
        var path = pathKind switch { "onnx" => model, "json" => model + ".json", _ => temp.Path };

        using var voice = PiperVoiceLoader.Load(path, Manifests.LoadOptions);

        var manifest = voice.Manifest;
        Assert.Equal(ModelBundleFormat.Piper, voice.Format);
        Assert.Equal("en_US-lessac-medium.onnx.json", voice.ManifestFile);
        Assert.Equal("en_us-lessac-medium", manifest.Name);
        Assert.Equal(ModelKind.EndToEnd, manifest.Kind);
        Assert.Equal(22050, manifest.SampleRate);
        Assert.Empty(manifest.Files);
        var component = manifest.Components[ModelComponentNames.Model];
        Assert.Equal("en_US-lessac-medium.onnx", component.File);
        Assert.Equal(
            [("input", TensorRole.PhonemeIds), ("input_lengths", TensorRole.PhonemeLengths), ("scales", TensorRole.Scales)],
            component.Inputs.Select(i => (i.Name, i.Role)));
        Assert.Equal([TensorDim.Fixed(1), TensorDim.Symbolic("phonemes")], component.Inputs[0].Shape);
        Assert.Equal(TensorRole.Audio, Assert.Single(component.Outputs).Role);
        Assert.Equal("ipa", manifest.Phonemes!.Alphabet);
        Assert.Equal("en-us", manifest.Phonemes.EspeakVoice);
        Assert.Equal("en_US", manifest.Phonemes.Language);
        Assert.True(manifest.Phonemes.Intersperse);
        Assert.Equal(("^", "$", "_"), (manifest.Phonemes.Bos, manifest.Phonemes.Eos, manifest.Phonemes.Pad));
        Assert.Equal(0.8f, manifest.Inference!.NoiseW);
        Assert.Null(manifest.Conditioning);
        Assert.Equal("lessac", manifest.Metadata["piper.dataset"]);
    }

    [Fact]
    public void Load_SingleSpeakerVoice_RunsThroughItsSession()
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), TestModels.PiperShaped());
        using var voice = PiperVoiceLoader.Load(model, Manifests.LoadOptions);
        var ids = new PhonemeIdEncoder(voice.Manifest.Phonemes!).Encode("ha").Ids;
        var scales = new[] { voice.Manifest.Inference!.NoiseScale, voice.Manifest.Inference.LengthScale, voice.Manifest.Inference.NoiseW };

        var audio = voice.GetSession(ModelComponentNames.Model).Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(ids, 1, ids.Length),
            ["input_lengths"] = OnnxTensor.Create(new long[] { ids.Length }, 1),
            ["scales"] = OnnxTensor.Create(scales, 3),
        })["output"];

        Assert.Equal([1L, 0, 20, 0, 14, 0, 2], ids);
        Assert.Equal([1L, 1, ids.Length * TestModels.SamplesPerPhoneme], audio.Shape);
        var samples = audio.ToArray<float>();
        var sum = scales.Sum();
        Assert.Equal(ids.Select(id => id * sum), samples.Take(ids.Length), new ToleranceComparer(1e-4f));
    }

    [Fact]
    public void Load_MultiSpeakerVoice_MapsSidToSpeakerIdAndRuns()
    {
        var model = PiperVoices.Write(temp.Path, "en_US-libritts-high", PiperVoices.Config(speakers: 3), TestModels.PiperShaped(multiSpeaker: true));

        using var voice = PiperVoiceLoader.Load(model, Manifests.LoadOptions);

        var sid = voice.Manifest.Components["model"].Inputs.Single(i => i.Role == TensorRole.SpeakerId);
        Assert.Equal("sid", sid.Name);
        var speaker = voice.Manifest.Conditioning!.Speaker!;
        Assert.Equal(3, speaker.SpeakerCount);
        Assert.Equal(2, speaker.SpeakerIdMap["speaker2"]);
        Assert.Null(speaker.EmbeddingSize);
        var audio = voice.GetSession("model").Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(new long[] { 1, 0, 2 }, 1, 3),
            ["input_lengths"] = OnnxTensor.Create(new long[] { 3 }, 1),
            ["scales"] = OnnxTensor.Create(new[] { 0.5f, 0.25f, 0.25f }, 3),
            ["sid"] = OnnxTensor.Create(new long[] { speaker.SpeakerIdMap["speaker2"] }, 1),
        })["output"];
        Assert.Equal([3f, 2f, 4f], audio.ToArray<float>().Take(3));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Load_AudioOfRankTwoToFour_IsAccepted(int rank)
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), TestModels.PiperShaped(outputRank: rank));

        using var voice = PiperVoiceLoader.Load(model, Manifests.LoadOptions);
        var output = Assert.Single(voice.Manifest.Components["model"].Outputs);
        var audio = voice.GetSession("model").Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(new long[] { 1, 14, 2 }, 1, 3),
            ["input_lengths"] = OnnxTensor.Create(new long[] { 3 }, 1),
            ["scales"] = OnnxTensor.Create(new[] { 1f, 0f, 0f }, 3),
        })[output.Name];

        Assert.Equal(rank, output.Shape.Count);
        Assert.Equal(rank, audio.Shape.Count);
        // Flattened, the samples are the same whatever the rank.
        Assert.Equal([1f, 14f, 2f, 1f], audio.ToArray<float>().Take(4));
    }

    [Fact]
    public void Load_AudioOfRankOne_IsRefused()
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), TestModels.PiperShaped(outputRank: 1));

        var error = Assert.Throws<ModelManifestException>(() => PiperVoiceLoader.Load(model, Manifests.LoadOptions));

        Assert.Contains("rank 2 to 4", error.Message, StringComparison.Ordinal);
        Assert.Equal("voice.onnx.json", error.File);
    }

    [Fact]
    public void Load_SingleOutputWithAnotherName_IsTheAudio()
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), TestModels.PiperShaped(outputName: "wav"));

        using var voice = PiperVoiceLoader.Load(model, Manifests.LoadOptions);

        Assert.Equal("wav", voice.Manifest.Components["model"].Outputs[0].Name);
    }

    [Fact]
    public void Load_SeveralSpeakersButNoSid_IsRefused()
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(speakers: 2), TestModels.PiperShaped());

        var error = Assert.Throws<ModelManifestException>(() => PiperVoiceLoader.Load(model, Manifests.LoadOptions));

        Assert.Equal("num_speakers", error.Path);
    }

    [Fact]
    public void Load_ModelWithAnInputPiperDoesNotHave_IsRefused()
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), TestModels.EndToEnd());

        var error = Assert.Throws<ModelManifestException>(() => PiperVoiceLoader.Load(model, Manifests.LoadOptions));

        Assert.Contains("has input 'speaker'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadManifest_DescribesWithoutLoadingTheModel()
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), "not a model"u8.ToArray());

        var manifest = PiperVoiceLoader.ReadManifest(model, version: "v3");

        Assert.Equal("lessac", manifest.Name);
        Assert.Equal("v3", manifest.Version);
        Assert.Equal([TensorDim.Symbolic("batch"), TensorDim.Fixed(1), TensorDim.Symbolic("samples")], manifest.Components["model"].Outputs[0].Shape);
        Assert.Throws<ModelManifestException>(() => PiperVoiceLoader.Load(model, Manifests.LoadOptions));
    }

    [Fact]
    public void Find_ModelWithoutConfig_SaysTheConfigIsMissing()
    {
        var model = temp.Combine("voice.onnx");
        File.WriteAllBytes(model, TestModels.PiperShaped());

        var error = Assert.Throws<FileNotFoundException>(() => PiperVoiceLoader.Load(model));

        Assert.Contains("voice.onnx.json", error.Message, StringComparison.Ordinal);
        Assert.Equal(model + ".json", error.FileName);
    }

    [Fact]
    public void Find_ConfigWithoutModel_SaysTheModelIsMissing()
    {
        File.WriteAllText(temp.Combine("voice.onnx.json"), PiperVoices.Config().ToJsonString());

        var error = Assert.Throws<FileNotFoundException>(() => PiperVoiceLoader.Find(temp.Combine("voice.onnx.json")));

        Assert.Contains("'voice.onnx' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_DirectoryWithoutPair_ListsTheModelsFound()
    {
        File.WriteAllBytes(temp.Combine("voice.onnx"), [1]);

        var error = Assert.Throws<FileNotFoundException>(() => PiperVoiceLoader.Find(temp.Path));

        Assert.Contains("no <name>.onnx.json beside voice.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_DirectoryWithTwoPairs_AsksForTheFile()
    {
        PiperVoices.Write(temp.Path, "a", PiperVoices.Config(), [1]);
        PiperVoices.Write(temp.Path, "b", PiperVoices.Config(), [1]);

        var error = Assert.Throws<IOException>(() => PiperVoiceLoader.Find(temp.Path));

        Assert.Contains("a.onnx, b.onnx", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BrokenConfigs => new()
    {
        { "sample-rate-string", "audio.sample_rate" },
        { "sample-rate-missing", "audio.sample_rate" },
        { "sample-rate-low", "audio.sample_rate" },
        { "id-map-string", "phoneme_id_map.a" },
        { "id-map-fraction", "phoneme_id_map.a[0]" },
        { "id-map-beyond-symbols", "phoneme_id_map.a[0]" },
        { "id-map-no-bos", "phoneme_id_map" },
        { "id-map-missing", "phoneme_id_map" },
        { "num-speakers-string", "num_speakers" },
        { "speaker-id-beyond-count", "speaker_id_map.x" },
        { "noise-scale-negative", "inference.noise_scale" },
        { "length-scale-string", "inference.length_scale" },
        { "phoneme-type-unknown", "phoneme_type" },
        { "phoneme-map-string", "phoneme_map.a" },
        { "espeak-voice-number", "espeak.voice" },
    };

    [Theory]
    [MemberData(nameof(BrokenConfigs))]
    public void Load_MalformedConfig_NamesThePiperField(string broken, string path)
    {
        var config = PiperVoices.Config();
        switch (broken)
        {
            case "sample-rate-string": config["audio"]!["sample_rate"] = "22050"; break;
            case "sample-rate-missing": config["audio"]!.AsObject().Remove("sample_rate"); break;
            case "sample-rate-low": config["audio"]!["sample_rate"] = 100; break;
            case "id-map-string": config["phoneme_id_map"]!["a"] = "x"; break;
            case "id-map-fraction": config["phoneme_id_map"]!["a"] = new JsonArray(1.5); break;
            case "id-map-beyond-symbols": config["phoneme_id_map"]!["a"] = new JsonArray(256); break;
            case "id-map-no-bos": config["phoneme_id_map"]!.AsObject().Remove("^"); break;
            case "id-map-missing": config.Remove("phoneme_id_map"); break;
            case "num-speakers-string": config["num_speakers"] = "2"; break;
            case "speaker-id-beyond-count": config["speaker_id_map"] = new JsonObject { ["x"] = 5 }; break;
            case "noise-scale-negative": config["inference"]!["noise_scale"] = -0.5; break;
            case "length-scale-string": config["inference"]!["length_scale"] = "1"; break;
            case "phoneme-type-unknown": config["phoneme_type"] = "pinyin"; break;
            case "phoneme-map-string": config["phoneme_map"] = new JsonObject { ["a"] = "b" }; break;
            case "espeak-voice-number": config["espeak"]!["voice"] = 5; break;
        }

        var model = PiperVoices.Write(temp.Path, "voice", config, TestModels.PiperShaped());

        var error = Assert.Throws<ModelManifestException>(() => PiperVoiceLoader.Load(model, Manifests.LoadOptions));

        Assert.Equal("voice.onnx.json", error.File);
        Assert.Equal(path, error.Path);
        Assert.StartsWith($"voice.onnx.json: {path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigThatIsNotJson_NamesTheLine()
    {
        var model = PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), TestModels.PiperShaped());
        File.WriteAllText(model + ".json", "{\n \"audio\": {\"sample_rate\": 22050,\n");

        var error = Assert.Throws<ModelManifestException>(() => PiperVoiceLoader.Load(model, Manifests.LoadOptions));

        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_PiperVoiceWithoutModelJson_IsListedDescribedAndLoaded()
    {
        var root = temp.CreateDirectory("store");
        PiperVoices.Write(Path.Join(root, "lessac", "v1"), "en_US-lessac-medium", PiperVoices.Config(), TestModels.PiperShaped());
        PiperVoices.Write(Path.Join(root, "lessac", "v2"), "voice", PiperVoices.Config(), TestModels.PiperShaped(outputRank: 2));
        var store = new ModelStore(new ModelStoreOptions { Root = root });

        Assert.Equal(["lessac"], store.ListModels());
        Assert.Equal(["v1", "v2"], store.ListVersions("lessac"));
        var described = store.Describe("lessac", "v2");
        using var loaded = store.Load("lessac", "v2", Manifests.LoadOptions);

        Assert.Equal(("lessac", "v2"), (described.Name, described.Version));
        Assert.Equal(ModelBundleFormat.Piper, loaded.Format);
        Assert.Equal(2, loaded.Manifest.Components["model"].Outputs[0].Shape.Count);
        Assert.Equal("voice.onnx", loaded.Manifest.Components["model"].File);
    }

    [Fact]
    public void Store_PiperModelLinkedOutside_IsRefused()
    {
        var root = temp.CreateDirectory("store");
        var outside = PiperVoices.Write(temp.Combine("outside"), "voice", PiperVoices.Config(), TestModels.PiperShaped());
        var version = Path.Join(root, "lessac", "v1");
        Directory.CreateDirectory(version);
        File.Copy(outside + ".json", Path.Join(version, "voice.onnx.json"));
        File.CreateSymbolicLink(Path.Join(version, "voice.onnx"), outside);
        var store = new ModelStore(new ModelStoreOptions { Root = root });

        var error = Assert.Throws<ModelStoreException>(() => store.Load("lessac", "v1", Manifests.LoadOptions));

        Assert.Contains("'lessac/v1/voice.onnx'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BundleLoad_DirectoryWithPiperVoice_LoadsIt()
    {
        PiperVoices.Write(temp.Path, "voice", PiperVoices.Config(), TestModels.PiperShaped());

        using var bundle = ModelBundle.Load(temp.Path, Manifests.LoadOptions);

        Assert.Equal(ModelBundleFormat.Piper, bundle.Format);
        Assert.Equal(Path.Join(temp.Path, "voice.onnx.json"), bundle.GetFilePath("voice.onnx.json"));
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}

using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Models.Tests.Support;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Models.Tests.Bundles;

public sealed class ModelBundleLoadTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_WrittenBundle_RoundTripsTheManifestAndRuns()
    {
        var directory = temp.Combine("forge-voice", "v21");
        var written = ModelBundleWriter.Write(directory, Manifests.EndToEnd(), Manifests.EndToEndFiles());

        using var bundle = ModelBundle.Load(directory, Manifests.LoadOptions);

        Assert.Equal(ModelBundleFormat.Bundle, bundle.Format);
        Assert.Equal(ModelManifestWriter.ToBytes(written), ModelManifestWriter.ToBytes(bundle.Manifest));
        Assert.Equal(Path.Join(bundle.DirectoryPath, "model.onnx"), bundle.GetFilePath("model.onnx"));

        var encoding = new PhonemeIdEncoder(bundle.Manifest.Phonemes!).Encode("ab");
        Assert.Equal([1L, 0, 14, 0, 15, 0, 2], encoding.Ids);
        var session = bundle.GetSession(ModelComponentNames.Model);
        Assert.Same(session, bundle.GetSession(ModelComponentNames.Model));
        var outputs = session.Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(encoding.Ids, 1, encoding.Ids.Length),
            ["input_lengths"] = OnnxTensor.Create(new long[] { encoding.Ids.Length }, 1),
            ["scales"] = OnnxTensor.Create(new[] { 0.667f, 1f, 0.8f }, 3),
            ["speaker"] = OnnxTensor.Create(bundle.Manifest.Conditioning!.Speaker!.Presets["ava"].ToArray(), 1, 4),
            ["emotion"] = OnnxTensor.Create(bundle.Manifest.Conditioning.Emotion!.Prototypes["happy"].ToArray(), 1, 3),
            ["seed"] = OnnxTensor.Create(new long[] { 7 }, 1),
        });

        var audio = outputs["output"];
        Assert.Equal([1L, 1, 2 * encoding.Ids.Length], audio.Shape);
        // id + Σspeaker (0.45) + Σemotion (1.5), each sample twice over the sequence.
        Assert.Equal(1 + 0.45f + 1.5f, audio.ToArray<float>()[0], 4);
        Assert.Equal(14 + 0.45f + 1.5f, audio.ToArray<float>()[2], 4);
    }

    [Fact]
    public void Load_TwoStageBundle_OpensBothComponentsAndChainsThem()
    {
        var directory = temp.Combine("forge-two", "v1");
        ModelBundleWriter.Write(directory, Manifests.TwoStage(), Manifests.TwoStageFiles());

        using var bundle = ModelBundle.Load(directory, Manifests.LoadOptions);
        var mel = bundle.GetSession(ModelComponentNames.Acoustic).Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(new long[] { 1, 14, 2 }, 1, 3),
        })["mel"];
        var audio = bundle.GetSession(ModelComponentNames.Vocoder).Run(new Dictionary<string, OnnxTensor> { ["mel"] = mel })["audio"];

        Assert.Equal([1L, 4, 3], mel.Shape);
        Assert.Equal([4f, 56f, 8f], audio.ToArray<float>());
    }

    [Theory]
    [InlineData("speaker-encoder")]
    [InlineData("emotion-encoder")]
    public void Load_EncoderBundle_Runs(string kind)
    {
        var (manifest, model) = kind == "speaker-encoder"
            ? (Manifests.SpeakerEncoder(), TestModels.Encoder(6))
            : (Manifests.EmotionEncoder(), TestModels.Encoder(3, labels: 7));
        var directory = temp.Combine(manifest.Name, "v1");
        ModelBundleWriter.Write(directory, manifest, new Dictionary<string, byte[]> { ["encoder.onnx"] = model });

        using var bundle = ModelBundle.Load(directory, Manifests.LoadOptions);
        var outputs = bundle.GetSession(ModelComponentNames.Encoder).Run(new Dictionary<string, OnnxTensor>
        {
            ["features"] = OnnxTensor.Create(new float[2 * 4], 1, 2, 4),
        });

        Assert.Equal(manifest.Kind == ModelKind.SpeakerEncoder ? 6 : 3, outputs["embedding"].Shape[1]);
        Assert.Equal(manifest.Kind == ModelKind.EmotionEncoder, outputs.ContainsKey("logits"));
    }

    [Fact]
    public void Load_FileWithAnotherHash_FailsNamingTheSha256()
    {
        var directory = Write();
        var model = Path.Join(directory, "model.onnx");
        var bytes = File.ReadAllBytes(model);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(model, bytes);

        var error = Assert.Throws<ModelManifestException>(() => ModelBundle.Load(directory, Manifests.LoadOptions));

        Assert.Equal("files['model.onnx'].sha256", error.Path);
        Assert.Contains("the manifest says", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOfAnotherSize_FailsNamingTheBytes()
    {
        var directory = Write();
        File.AppendAllText(Path.Join(directory, "model.onnx"), "x");

        var error = Assert.Throws<ModelManifestException>(() => ModelBundle.Load(directory, Manifests.LoadOptions));

        Assert.Equal("files['model.onnx'].bytes", error.Path);
        Assert.Contains("bytes; the manifest says", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_FailsNamingTheFile()
    {
        var directory = Write();
        File.Delete(Path.Join(directory, "model.onnx"));

        var error = Assert.Throws<ModelManifestException>(() => ModelBundle.Load(directory, Manifests.LoadOptions));

        Assert.Equal("files['model.onnx']", error.Path);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileThatIsADirectory_FailsNamingTheFile()
    {
        var directory = Write();
        File.Delete(Path.Join(directory, "model.onnx"));
        Directory.CreateDirectory(Path.Join(directory, "model.onnx"));

        var error = Assert.Throws<ModelManifestException>(() => ModelBundle.Load(directory, Manifests.LoadOptions));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Cancelled_StopsBeforeHashing()
    {
        var directory = Write();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => ModelBundle.Load(directory, Manifests.LoadOptions, cancelled.Token));
    }

    [Fact]
    public void Load_WithoutOpeningSessions_OpensOnFirstUse()
    {
        var directory = Write();

        using var bundle = ModelBundle.Load(directory, Manifests.LoadOptions with { OpenSessions = false });

        Assert.Equal(6, bundle.GetSession(ModelComponentNames.Model).Inputs.Count);
    }

    [Fact]
    public void OpenSession_GivesANewCheckedSessionOwnedByTheCaller()
    {
        using var bundle = ModelBundle.Load(Write(), Manifests.LoadOptions);

        using var own = bundle.OpenSession(ModelComponentNames.Model, new OnnxSessionOptions { IntraOpThreads = 1 });

        Assert.NotSame(bundle.GetSession(ModelComponentNames.Model), own);
        Assert.Throws<KeyNotFoundException>(() => bundle.OpenSession("vocoder"));
    }

    [Fact]
    public void GetSession_AfterDispose_Throws()
    {
        var bundle = ModelBundle.Load(Write(), Manifests.LoadOptions);
        bundle.Dispose();

        Assert.Throws<ObjectDisposedException>(() => bundle.GetSession(ModelComponentNames.Model));
    }

    public static TheoryData<string, string, string> Mismatches => new()
    {
        // case, expected path, a word the message must have
        { "wrong-name", "components.model.inputs[0].name", "has no input 'phonemes'" },
        { "wrong-type", "components.model.inputs[1].type", "tensor 'input_lengths' is int64" },
        { "wrong-rank", "components.model.inputs[0].shape", "rank 2" },
        { "wrong-fixed-dim", "components.model.inputs[2].shape[0]", "tensor 'scales'" },
        { "symbolic-where-fixed", "components.model.inputs[3].shape[1]", "fixed to 4" },
        { "undeclared-input", "components.model.inputs", "has input 'seed'" },
        { "missing-output", "components.model.outputs[0].name", "has no output 'wav'" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Load_DeclaredTensorsDifferFromTheModel_FailsNamingTheTensor(string mismatch, string path, string words)
    {
        var manifest = Manifests.EndToEnd();
        var model = manifest.Components["model"];
        var inputs = model.Inputs.ToList();
        var outputs = model.Outputs.ToList();
        switch (mismatch)
        {
            case "wrong-name": inputs[0] = inputs[0] with { Name = "phonemes" }; break;
            case "wrong-type": inputs[1] = inputs[1] with { ElementType = OnnxElementType.Int32 }; break;
            case "wrong-rank": inputs[0] = inputs[0] with { Shape = ["phonemes"] }; break;
            case "symbolic-where-fixed": inputs[3] = inputs[3] with { Shape = ["batch", "speaker"] }; break;
            case "undeclared-input": inputs.RemoveAt(5); break;
            case "missing-output": outputs[0] = outputs[0] with { Name = "wav" }; break;
        }

        manifest = manifest with
        {
            Components = new Dictionary<string, ModelComponent> { ["model"] = model with { Inputs = inputs, Outputs = outputs } },
        };
        var files = Manifests.EndToEndFiles();
        if (mismatch == "wrong-fixed-dim")
        {
            // The manifest keeps scales [3]; the model's is [2].
            files["model.onnx"] = EndToEndWithTwoScales();
        }

        var directory = temp.Combine("forge-voice", "v21");
        ModelBundleWriter.Write(directory, manifest, files);

        var error = Assert.Throws<ModelManifestException>(() => ModelBundle.Load(directory, Manifests.LoadOptions));

        Assert.Equal(path, error.Path);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileThatIsNotAModel_FailsNamingTheComponentFile()
    {
        var files = new Dictionary<string, byte[]> { ["model.onnx"] = "not a model"u8.ToArray() };
        var directory = temp.Combine("forge-voice", "v21");
        ModelBundleWriter.Write(directory, Manifests.EndToEnd(), files);

        var error = Assert.Throws<ModelManifestException>(() => ModelBundle.Load(directory, Manifests.LoadOptions));

        Assert.Equal("components.model.file", error.Path);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
    }

    [Fact]
    public void Load_DirectoryWithoutBundle_ThrowsFileNotFound()
    {
        var directory = temp.CreateDirectory("empty");

        var error = Assert.Throws<FileNotFoundException>(() => ModelBundle.Load(directory));

        Assert.Contains("model.json", error.Message, StringComparison.Ordinal);
    }

    private string Write()
    {
        var directory = temp.Combine("forge-voice", "v21");
        ModelBundleWriter.Write(directory, Manifests.EndToEnd(), Manifests.EndToEndFiles());
        return directory;
    }

    /// <summary>The end-to-end model with a scales input of [2]: the manifest's [3] then differs from the model.</summary>
    private static byte[] EndToEndWithTwoScales() =>
        new Onnx.Graph.OnnxModelBuilder("e2e")
            .AddInput("input", OnnxElementType.Int64, "batch", "phonemes")
            .AddInput("input_lengths", OnnxElementType.Int64, "batch")
            .AddInput("scales", OnnxElementType.Float, 2)
            .AddInput("speaker", OnnxElementType.Float, "batch", 4)
            .AddInput("emotion", OnnxElementType.Float, "batch", 3)
            .AddInput("seed", OnnxElementType.Int64, "batch")
            .AddInitializer("axis1", [1L], 1)
            .AddNode("Cast", ["input"], ["ids"], Onnx.Graph.OnnxAttribute.Int("to", (long)OnnxElementType.Float))
            .AddNode("Unsqueeze", ["ids", "axis1"], ["output"])
            .AddOutput("output", OnnxElementType.Float, "batch", 1, "samples")
            .ToBytes();
}

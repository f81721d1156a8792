using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Tests.Support;
using Xunit;

namespace VoiceFleet.Models.Tests.Bundles;

public sealed class ModelBundleWriterTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Write_ComputesSizesAndHashes_AndWritesEveryFile()
    {
        var files = Manifests.TwoStageFiles();

        var written = ModelBundleWriter.Write(temp.Combine("forge-two", "v1"), Manifests.TwoStage(), files);

        Assert.Equal(["acoustic.onnx", "vocoder/vocoder.onnx"], written.Files.Keys);
        foreach (var (name, bytes) in files)
        {
            Assert.Equal(bytes.LongLength, written.Files[name].Bytes);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), written.Files[name].Sha256);
            Assert.Equal(bytes, File.ReadAllBytes(temp.Combine("forge-two", "v1", name)));
        }

        Assert.Equal(ModelManifestWriter.ToBytes(written), File.ReadAllBytes(temp.Combine("forge-two", "v1", "model.json")));
    }

    [Fact]
    public void Write_SameInputTwice_GivesIdenticalModelJson()
    {
        ModelBundleWriter.Write(temp.Combine("a", "v21"), Manifests.EndToEnd(), Manifests.EndToEndFiles());
        ModelBundleWriter.Write(temp.Combine("b", "v21"), Manifests.EndToEnd(), Manifests.EndToEndFiles());

        Assert.Equal(File.ReadAllBytes(temp.Combine("a", "v21", "model.json")), File.ReadAllBytes(temp.Combine("b", "v21", "model.json")));
    }

    [Fact]
    public void Write_ExistingDirectory_IsNeverReplaced()
    {
        var directory = temp.CreateDirectory("forge-voice", "v21");

        Assert.Throws<IOException>(() => ModelBundleWriter.Write(directory, Manifests.EndToEnd(), Manifests.EndToEndFiles()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public void Write_ComponentFileNotGiven_FailsAndLeavesNothing()
    {
        var error = Assert.Throws<ModelManifestException>(() =>
            ModelBundleWriter.Write(temp.Combine("forge-voice", "v21"), Manifests.EndToEnd(), new Dictionary<string, byte[]> { ["other.onnx"] = [1] }));

        Assert.Equal("components.model.file", error.Path);
        Assert.False(Directory.Exists(temp.Combine("forge-voice", "v21")));
    }

    [Theory]
    [InlineData("../escape.onnx")]
    [InlineData("/tmp/escape.onnx")]
    [InlineData("a//b.onnx")]
    [InlineData("model.json")]
    public void Write_BadFileName_IsRefused(string name)
    {
        var files = Manifests.EndToEndFiles();
        files[name] = [1, 2, 3];

        var error = Assert.Throws<ModelManifestException>(() => ModelBundleWriter.Write(temp.Combine("forge-voice", "v21"), Manifests.EndToEnd(), files));

        Assert.StartsWith("files[", error.Path, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("forge-voice", "v21")));
    }

    [Fact]
    public void Write_Cancelled_LeavesNoDirectory()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            ModelBundleWriter.Write(temp.Combine("forge-voice", "v21"), Manifests.EndToEnd(), Manifests.EndToEndFiles(), cancelled.Token));

        var parent = temp.Combine("forge-voice");
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public void Write_IgnoresFilesGivenInTheManifest()
    {
        var manifest = Manifests.EndToEnd() with
        {
            Files = new Dictionary<string, ModelFile> { ["stale.onnx"] = new() { Sha256 = new string('f', 64), Bytes = 1 } },
        };

        var written = ModelBundleWriter.Write(temp.Combine("forge-voice", "v21"), manifest, Manifests.EndToEndFiles());

        Assert.Equal(["model.onnx"], written.Files.Keys);
    }
}

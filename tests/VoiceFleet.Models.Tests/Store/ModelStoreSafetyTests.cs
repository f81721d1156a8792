using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Store;
using VoiceFleet.Models.Tests.Support;
using Xunit;

namespace VoiceFleet.Models.Tests.Store;

/// <summary>Names cannot traverse, and symbolic links may not lead out of the store.</summary>
public sealed class ModelStoreSafetyTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string root;
    private readonly string outside;

    public ModelStoreSafetyTests()
    {
        root = temp.CreateDirectory("store");
        outside = temp.CreateDirectory("outside");
    }

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("..", "v21")]
    [InlineData("../outside", "v21")]
    [InlineData("forge-voice/../..", "v21")]
    [InlineData("/etc", "v21")]
    [InlineData("forge-voice", "..")]
    [InlineData("forge-voice", "../v21")]
    [InlineData("forge-voice", "v21/model.json")]
    [InlineData("forge-voice", "v21\\x")]
    [InlineData("forge-voice", "")]
    [InlineData("Forge-Voice", "v21")]
    [InlineData(".hidden", "v21")]
    public void Load_TraversingOrInvalidName_IsRefused(string name, string version)
    {
        Write(root, "forge-voice", "v21");
        var store = Store();

        var error = Assert.Throws<ModelStoreException>(() => store.Load(name, version));
        Assert.Throws<ModelStoreException>(() => store.Describe(name, version));

        Assert.Contains("Refused", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside", "path separator")]
    [InlineData("..", "relative path segment")]
    [InlineData("/etc", "path separator")]
    public void ListVersions_TraversingName_SaysWhy(string name, string reason)
    {
        var error = Assert.Throws<ModelStoreException>(() => Store().ListVersions(name));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelDirectoryLinkedOutsideTheStore_IsRefused()
    {
        Write(outside, "forge-voice", "v21");
        Directory.CreateSymbolicLink(Path.Join(root, "forge-voice"), Path.Join(outside, "forge-voice"));
        var store = Store();

        var error = Assert.Throws<ModelStoreException>(() => store.Load("forge-voice", "v21", Manifests.LoadOptions));
        Assert.Throws<ModelStoreException>(() => store.Describe("forge-voice", "v21"));
        Assert.Throws<ModelStoreException>(() => store.ListVersions("forge-voice"));

        Assert.Contains("'forge-voice'", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside the store root", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("forge-voice", store.ListModels());
    }

    [Fact]
    public void Load_VersionDirectoryLinkedOutsideTheStore_IsRefused()
    {
        Write(outside, "forge-voice", "v21");
        Directory.CreateDirectory(Path.Join(root, "forge-voice"));
        Directory.CreateSymbolicLink(Path.Join(root, "forge-voice", "v21"), Path.Join(outside, "forge-voice", "v21"));

        var error = Assert.Throws<ModelStoreException>(() => Store().Load("forge-voice", "v21", Manifests.LoadOptions));

        Assert.Contains("'forge-voice/v21'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Store().ListVersions("forge-voice"));
    }

    [Fact]
    public void Load_ModelFileLinkedOutsideTheStore_IsRefused()
    {
        var directory = Write(root, "forge-voice", "v21");
        var model = Path.Join(directory, "model.onnx");
        File.Move(model, Path.Join(outside, "model.onnx"));
        File.CreateSymbolicLink(model, Path.Join(outside, "model.onnx"));
        var store = Store();

        var error = Assert.Throws<ModelStoreException>(() => store.Load("forge-voice", "v21", Manifests.LoadOptions));

        Assert.Contains("'forge-voice/v21/model.onnx'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Join(outside, "model.onnx"), error.Message, StringComparison.Ordinal);
        // Describe reads only model.json, which is inside.
        Assert.Equal("v21", store.Describe("forge-voice", "v21").Version);
    }

    [Fact]
    public void Describe_ManifestLinkedOutsideTheStore_IsRefused()
    {
        var directory = Write(root, "forge-voice", "v21");
        var manifest = Path.Join(directory, "model.json");
        File.Move(manifest, Path.Join(outside, "model.json"));
        File.CreateSymbolicLink(manifest, Path.Join(outside, "model.json"));

        var error = Assert.Throws<ModelStoreException>(() => Store().Describe("forge-voice", "v21"));

        Assert.Contains("'forge-voice/v21/model.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativeLinkClimbingOutOfTheStore_IsRefused()
    {
        var directory = Write(root, "forge-voice", "v21");
        var model = Path.Join(directory, "model.onnx");
        File.Move(model, Path.Join(outside, "model.onnx"));
        File.CreateSymbolicLink(model, "../../../outside/model.onnx");

        var error = Assert.Throws<ModelStoreException>(() => Store().Load("forge-voice", "v21", Manifests.LoadOptions));

        Assert.Contains("outside the store root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LinksInsideTheStore_AreFollowed()
    {
        var v21 = Write(root, "forge-voice", "v21");
        // A model alias, and a version whose model file is shared with v21 through a relative link.
        Directory.CreateSymbolicLink(Path.Join(root, "forge-alias"), Path.Join(root, "forge-voice"));
        var v22 = Path.Join(root, "forge-voice", "v22");
        ModelBundleWriter.Write(v22, Manifests.EndToEnd(version: "v22"), Manifests.EndToEndFiles());
        File.Delete(Path.Join(v22, "model.onnx"));
        File.CreateSymbolicLink(Path.Join(v22, "model.onnx"), "../v21/model.onnx");
        var store = Store();

        using var bundle = store.Load("forge-voice", "v22", Manifests.LoadOptions);

        Assert.Equal(Path.Join(v21, "model.onnx"), bundle.GetFilePath("model.onnx"));
        Assert.Contains("forge-alias", store.ListModels());
        Assert.Equal(["v21", "v22"], store.ListVersions("forge-alias"));
        Assert.Throws<ModelManifestException>(() => store.Describe("forge-alias", "v21"));
    }

    [Fact]
    public void Load_StoreRootThatIsALink_Works()
    {
        Write(root, "forge-voice", "v21");
        var link = Path.Join(temp.Path, "store-link");
        Directory.CreateSymbolicLink(link, root);

        var store = new ModelStore(new ModelStoreOptions { Root = link });
        using var bundle = store.Load("forge-voice", "v21", Manifests.LoadOptions);

        Assert.Equal(root, store.Root);
    }

    [Fact]
    public void Load_LinkCycle_IsRefused()
    {
        Directory.CreateDirectory(Path.Join(root, "forge-voice"));
        File.CreateSymbolicLink(Path.Join(root, "forge-voice", "v1"), Path.Join(root, "forge-voice", "v2"));
        File.CreateSymbolicLink(Path.Join(root, "forge-voice", "v2"), Path.Join(root, "forge-voice", "v1"));

        Assert.ThrowsAny<IOException>(() => Store().Describe("forge-voice", "v1"));
    }

    private ModelStore Store() => new(new ModelStoreOptions { Root = root });

    private static string Write(string store, string name, string version)
    {
        var directory = Path.Join(store, name, version);
        ModelBundleWriter.Write(directory, Manifests.EndToEnd(name, version), Manifests.EndToEndFiles());
        return directory;
    }
}

using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Store;
using VoiceFleet.Models.Tests.Support;
using Xunit;

namespace VoiceFleet.Models.Tests.Store;

public sealed class ModelStoreTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ListModels_ListsValidModelDirectoriesOnly()
    {
        Write("forge-voice", "v21");
        Write("alpha", "v1");
        temp.CreateDirectory("Not-Valid");
        temp.CreateDirectory(".hidden");
        File.WriteAllText(temp.Combine("notes.txt"), "x");

        Assert.Equal(["alpha", "forge-voice"], Store().ListModels());
    }

    [Fact]
    public void ListVersions_SortsNaturally_AndSkipsDirectoriesWithoutBundles()
    {
        foreach (var version in new[] { "v23", "v-slow", "v10", "v9", "v21", "beta" })
        {
            Write("forge-voice", version);
        }

        temp.CreateDirectory("forge-voice", "v99");
        temp.CreateDirectory("forge-voice", ".v30.tmp-123");

        Assert.Equal(["v9", "v10", "v21", "v23", "beta", "v-slow"], Store().ListVersions("forge-voice"));
    }

    [Fact]
    public void Describe_ReadsTheManifestWithoutHashing()
    {
        var directory = Write("forge-voice", "v21");
        File.AppendAllText(Path.Join(directory, "model.onnx"), "changed");

        var manifest = Store().Describe("forge-voice", "v21");

        Assert.Equal("forge-voice", manifest.Name);
        Assert.Equal("v21", manifest.Version);
        Assert.Throws<ModelManifestException>(() => Store().Load("forge-voice", "v21", Manifests.LoadOptions));
    }

    [Fact]
    public void Load_VerifiesAndOpensTheBundle()
    {
        Write("forge-voice", "v21");

        using var bundle = Store().Load("forge-voice", "v21", Manifests.LoadOptions);

        Assert.Equal("v21", bundle.Manifest.Version);
        Assert.Equal(6, bundle.GetSession(ModelComponentNames.Model).Inputs.Count);
    }

    [Fact]
    public void Load_ManifestNamingAnotherVersion_IsRefused()
    {
        ModelBundleWriter.Write(temp.Combine("forge-voice", "v22"), Manifests.EndToEnd(version: "v21"), Manifests.EndToEndFiles());

        var error = Assert.Throws<ModelManifestException>(() => Store().Load("forge-voice", "v22", Manifests.LoadOptions));

        Assert.Equal("version", error.Path);
    }

    [Fact]
    public void Load_MissingModel_ListsTheModels()
    {
        Write("forge-voice", "v21");
        Write("alpha", "v1");

        var error = Assert.Throws<ModelNotFoundException>(() => Store().Load("beta", "v1"));

        Assert.Equal("beta", error.Name);
        Assert.Null(error.Version);
        Assert.Equal(["alpha", "forge-voice"], error.Available);
        Assert.Contains("models: alpha, forge-voice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_MissingVersion_ListsTheVersions()
    {
        Write("forge-voice", "v21");
        Write("forge-voice", "v9");

        var error = Assert.Throws<ModelNotFoundException>(() => Store().Describe("forge-voice", "v23"));

        Assert.Equal("v23", error.Version);
        Assert.Equal(["v9", "v21"], error.Available);
        Assert.Contains("versions: v9, v21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListVersions_MissingModel_Throws()
    {
        Assert.Throws<ModelNotFoundException>(() => Store().ListVersions("forge-voice"));
    }

    [Fact]
    public void Describe_VersionWithoutBundle_IsRefused()
    {
        temp.CreateDirectory("forge-voice", "v21");

        var error = Assert.Throws<ModelStoreException>(() => Store().Describe("forge-voice", "v21"));

        Assert.Contains("forge-voice/v21", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("missing")]
    [InlineData("file")]
    public void Constructor_RootThatIsNotADirectory_IsRefused(string root)
    {
        File.WriteAllText(temp.Combine("file"), "x");
        var path = root.Length == 0 ? "" : temp.Combine(root);

        var error = Assert.Throws<ModelStoreException>(() => new ModelStore(new ModelStoreOptions { Root = path }));

        Assert.Contains(root.Length == 0 ? "Root is required" : path, error.Message, StringComparison.Ordinal);
    }

    private ModelStore Store() => new(new ModelStoreOptions { Root = temp.Path });

    private string Write(string name, string version)
    {
        var directory = temp.Combine(name, version);
        ModelBundleWriter.Write(directory, Manifests.EndToEnd(name, version), Manifests.EndToEndFiles());
        return directory;
    }
}

using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Store;
using Xunit;

namespace VoiceFleet.Fleet.Tests;

/// <summary><c>voicefleet models forge</c> as users run it: the built CLI writing a model store the store then loads.</summary>
public sealed class ModelsForgeCommandTests : IDisposable
{
    private readonly string _root = Path.Join(Path.GetTempPath(), $"voicefleet-cli-forge-{Guid.NewGuid():N}");

    [Fact]
    public async Task Forge_EmptyDirectory_WritesLoadableBundlesAndKeepsThemOnTheSecondRun()
    {
        var first = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), "models", "forge", _root);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("wrote forge-voice/v21", first.Output, StringComparison.Ordinal);
        Assert.Contains("forged 11 of 11 bundles", first.Output, StringComparison.Ordinal);
        var store = new ModelStore(new ModelStoreOptions { Root = _root });
        using (var bundle = store.Load("forge-voice", "v-noisy"))
        {
            Assert.Equal(ModelKind.EndToEnd, bundle.Manifest.Kind);
        }

        var second = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "models", "forge", _root);

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("forged 0 of 11 bundles", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forge_PathIsAFile_ExitsOneNamingIt()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Join(_root, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");

        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "models", "forge", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not-a-directory", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

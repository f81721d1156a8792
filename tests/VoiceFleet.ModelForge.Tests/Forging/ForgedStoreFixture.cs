using VoiceFleet.Models.Store;
using Xunit;

namespace VoiceFleet.ModelForge.Tests.Forging;

/// <summary>Runs the whole forge once into a temporary model store shared by the tests of the collection.</summary>
public sealed class ForgedStoreFixture : IDisposable
{
    public ForgedStoreFixture()
    {
        Root = Path.Join(Path.GetTempPath(), $"voicefleet-forge-{Guid.NewGuid():N}");
        // Fit the encoders anew (not the shipped calibration), so the calibration itself is tested here.
        Bundles = new Forge().Run(Root, recalibrate: true);
        Store = new ModelStore(new ModelStoreOptions { Root = Root });
    }

    public string Root { get; }

    public IReadOnlyList<ForgedBundle> Bundles { get; }

    public ModelStore Store { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class ForgedStoreGroup : ICollectionFixture<ForgedStoreFixture>
{
    public const string Name = "forged store";
}

using VoiceFleet.ModelForge;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Store;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Support;

/// <summary>The forged model store (voices v21, v23, v-noisy, v-drift and the encoders), written once for the tests that use it.</summary>
public sealed class ForgedModels : IDisposable
{
    public const string Name = "forged models";

    public ForgedModels()
    {
        // The process-wide ORT environment keeps the logger factory of whoever creates it first; created here,
        // it does not die with the first in-process Encoders host.
        VoiceFleet.Onnx.Runtime.OnnxRuntimeEnvironment.GetOrCreate();
        Root = Path.Join(Path.GetTempPath(), $"voicefleet-rc-forge-{Guid.NewGuid():N}");
        new Forge().Run(Root);
        Store = new ModelStore(new ModelStoreOptions { Root = Root });
    }

    public string Root { get; }

    public ModelStore Store { get; }

    public ModelBundle Load(string version) => Store.Load(Forge.VoiceModel, version);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(ForgedModels.Name)]
public sealed class ForgedModelsGroup : ICollectionFixture<ForgedModels>;

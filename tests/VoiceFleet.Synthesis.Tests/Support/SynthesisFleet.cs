using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders;
using VoiceFleet.Frontend;
using VoiceFleet.ModelForge;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Synthesis.Tests.Support;

/// <summary>
/// The real serving path on loopback: a forged model store, the Frontend, the Encoders (SQLite) and a Synthesis
/// service for forge-voice v21 that calls them — all in this process, each on its own Kestrel ports.
/// </summary>
public sealed class SynthesisFleet : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("voicefleet-synthesis-").FullName;

    public string ModelStore => Path.Join(directory, "models");

    public RunningService Frontend { get; private set; } = null!;

    public RunningService Encoders { get; private set; } = null!;

    public RunningService Synthesis { get; private set; } = null!;

    public SynthesisClient Client => new(Synthesis.Channel);

    public async Task InitializeAsync()
    {
        new Forge().Run(ModelStore);
        Frontend = await RunningService.StartAsync(FrontendApp.Build, $"--Frontend:ModelStoreRoot={ModelStore}");
        Encoders = await RunningService.StartAsync(
            EncodersApp.Build,
            $"--Encoders:ModelStoreRoot={ModelStore}",
            $"--Encoders:Storage:SqlitePath={Path.Join(directory, "encoders.db")}");
        Synthesis = await StartSynthesisAsync();
    }

    /// <summary>Another synthesis service over the same store and upstreams, with extra configuration; the caller disposes it.</summary>
    public Task<RunningService> StartSynthesisAsync(params string[] settings) =>
        RunningService.StartAsync(
            SynthesisApp.Build,
            [
                $"--Synthesis:ModelStoreRoot={ModelStore}",
                $"--Synthesis:FrontendUrl={Frontend.GrpcAddress}",
                $"--Synthesis:EncodersUrl={Encoders.GrpcAddress}",
                .. settings,
            ]);

    public async Task DisposeAsync()
    {
        await Synthesis.DisposeAsync();
        await Encoders.DisposeAsync();
        await Frontend.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SynthesisFleetGroup : ICollectionFixture<SynthesisFleet>
{
    public const string Name = "synthesis fleet";
}

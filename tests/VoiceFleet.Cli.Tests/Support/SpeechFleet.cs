using VoiceFleet.Encoders;
using VoiceFleet.Frontend;
using VoiceFleet.ModelForge;
using VoiceFleet.Synthesis;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Cli.Tests.Support;

/// <summary>
/// What <c>voicefleet say</c> and <c>batch</c> talk to, in this process on loopback: a forged model store, the Frontend,
/// the Encoders (SQLite) and a Synthesis service for forge-voice v21 (slot blue) that calls them.
/// </summary>
public sealed class SpeechFleet : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("voicefleet-cli-speech-").FullName;
    private RunningService? _frontend;
    private RunningService? _encoders;
    private RunningService? _synthesis;

    /// <summary>The Synthesis gRPC address, for <c>--gateway</c>.</summary>
    public string Address => _synthesis!.GrpcAddress.ToString();

    /// <summary>A fresh folder for one test's files, removed with the fleet.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Join(_directory, "work", Guid.NewGuid().ToString("N"))).FullName;

    public async Task InitializeAsync()
    {
        var store = Path.Join(_directory, "models");
        new Forge().Run(store);
        _frontend = await RunningService.StartAsync(FrontendApp.Build, $"--Frontend:ModelStoreRoot={store}");
        _encoders = await RunningService.StartAsync(
            EncodersApp.Build,
            $"--Encoders:ModelStoreRoot={store}",
            $"--Encoders:Storage:SqlitePath={Path.Join(_directory, "encoders.db")}");
        _synthesis = await RunningService.StartAsync(
            SynthesisApp.Build,
            $"--Synthesis:ModelStoreRoot={store}",
            "--Synthesis:Slot=blue",
            "--Synthesis:ModelVersion=v21",
            $"--Synthesis:FrontendUrl={_frontend.GrpcAddress}",
            $"--Synthesis:EncodersUrl={_encoders.GrpcAddress}");
    }

    public async Task DisposeAsync()
    {
        foreach (var service in new[] { _synthesis, _encoders, _frontend })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SpeechFleetGroup : ICollectionFixture<SpeechFleet>
{
    public const string Name = "speech fleet";
}

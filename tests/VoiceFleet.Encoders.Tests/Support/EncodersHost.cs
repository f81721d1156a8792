using VoiceFleet.Testing;

namespace VoiceFleet.Encoders.Tests.Support;

/// <summary>The real Encoders service on loopback over the forged model store and its own SQLite file.</summary>
internal static class EncodersHost
{
    public static Task<RunningService> StartAsync(ForgedModels models, string database, params string[] extra) =>
        RunningService.StartAsync(
            EncodersApp.Build,
            [$"--Encoders:ModelStoreRoot={models.Root}", $"--Encoders:Storage:SqlitePath={database}", "--Encoders:MaxConcurrentEncodes=2", .. extra]);

    public static string NewDatabasePath() => Path.Join(Path.GetTempPath(), $"voicefleet-encoders-test-{Guid.NewGuid():N}.db");

    public static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

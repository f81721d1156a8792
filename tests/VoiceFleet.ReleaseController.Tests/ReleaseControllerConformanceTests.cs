using Microsoft.AspNetCore.Builder;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.ReleaseController.Tests;

/// <summary>The ReleaseController service starts, serves health and metrics, and implements every ReleaseControl method.</summary>
public sealed class ReleaseControllerConformanceTests : ServiceConformanceTests, IDisposable
{
    private readonly string _database = Path.Join(Path.GetTempPath(), $"voicefleet-rc-conformance-{Guid.NewGuid():N}.db");

    protected override Func<string[], WebApplication> Build => args => ReleaseControllerApp.Build([.. args, $"--ReleaseController:Storage:SqlitePath={_database}"]);

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [new Contract()];

    protected override IReadOnlySet<string> ImplementedMethods { get; } =
        new Contract().BindService().Methods.Select(m => m.Method.FullName).ToHashSet();

    public void Dispose()
    {
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The contract alone (for names and methods).</summary>
    private sealed class Contract : ReleaseControlServiceBase;
}

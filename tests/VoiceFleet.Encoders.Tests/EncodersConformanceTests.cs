using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Grpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Encoders.Tests;

/// <summary>The Encoders service starts, serves health and metrics, and implements every method of its contract.</summary>
public sealed class EncodersConformanceTests : ServiceConformanceTests, IDisposable
{
    private readonly string _database = Path.Join(Path.GetTempPath(), $"voicefleet-encoders-conformance-{Guid.NewGuid():N}.db");

    protected override Func<string[], WebApplication> Build => args => EncodersApp.Build([.. args, $"--Encoders:Storage:SqlitePath={_database}"]);

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [Service.Services.GetRequiredService<EncodersService>()];

    protected override IReadOnlySet<string> ImplementedMethods { get; } = new HashSet<string>(
        new[] { "EmbedSpeaker", "EmbedEmotion", "MixEmotions", "EnrollVoice", "GetVoice", "ListVoices", "DeleteVoice" }
            .Select(m => $"/{EncodersContract.ServiceName}/{m}"));

    public void Dispose()
    {
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}

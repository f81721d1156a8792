using Microsoft.AspNetCore.Builder;
using VoiceFleet.Synthesis.Grpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Synthesis.Tests;

/// <summary>The Synthesis service starts, serves health and metrics, and answers methods not built yet with UNIMPLEMENTED.</summary>
public sealed class SynthesisConformanceTests : ServiceConformanceTests
{
    protected override Func<string[], WebApplication> Build => SynthesisApp.Build;

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [new SynthesisService()];
}

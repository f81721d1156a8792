using Microsoft.AspNetCore.Builder;
using VoiceFleet.Frontend.Grpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Frontend.Tests;

/// <summary>The Frontend service starts, serves health and metrics, and answers methods not built yet with UNIMPLEMENTED.</summary>
public sealed class FrontendConformanceTests : ServiceConformanceTests
{
    protected override Func<string[], WebApplication> Build => FrontendApp.Build;

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [new TextFrontendService()];
}

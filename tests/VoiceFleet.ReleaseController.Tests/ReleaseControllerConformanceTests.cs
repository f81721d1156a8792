using Microsoft.AspNetCore.Builder;
using VoiceFleet.ReleaseController.Grpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.ReleaseController.Tests;

/// <summary>The ReleaseController service starts, serves health and metrics, and answers methods not built yet with UNIMPLEMENTED.</summary>
public sealed class ReleaseControllerConformanceTests : ServiceConformanceTests
{
    protected override Func<string[], WebApplication> Build => ReleaseControllerApp.Build;

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [new ReleaseControlService()];
}

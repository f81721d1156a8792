using Microsoft.AspNetCore.Builder;
using VoiceFleet.Encoders.Grpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Encoders.Tests;

/// <summary>The Encoders service starts, serves health and metrics, and answers methods not built yet with UNIMPLEMENTED.</summary>
public sealed class EncodersConformanceTests : ServiceConformanceTests
{
    protected override Func<string[], WebApplication> Build => EncodersApp.Build;

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [new EncodersService()];
}

using Microsoft.AspNetCore.Builder;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Gateway.Tests;

/// <summary>The gateway starts, serves health and metrics (its routes come with the gateway work).</summary>
public sealed class GatewayConformanceTests : ServiceConformanceTests
{
    protected override Func<string[], WebApplication> Build => GatewayApp.Build;

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [];
}

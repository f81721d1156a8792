using Microsoft.Extensions.Options;

namespace VoiceFleet.Gateway.Tests.Configuration;

/// <summary>Every gateway option is validated at start, with a message naming the key.</summary>
public sealed class GatewayOptionsTests
{
    [Theory]
    [InlineData("--Gateway:Slots:Green=https://127.0.0.1:7040", "Green must be an absolute http:// URL")]
    [InlineData("--Gateway:Backends:Frontend=http://127.0.0.1:7010/api", "Frontend must be an absolute http:// URL")]
    [InlineData("--Gateway:RateLimits:Burst=0", "Burst")]
    [InlineData("--Gateway:Routing:CanaryRules:0:Header=x-region", "CanaryRules:0:AllowedValues must list at least one value")]
    [InlineData("--Gateway:Auth:Keys:0:Id=ci", "key 'ci': sha256 must be 64 hex digits")]
    public async Task Start_InvalidOption_RefusedNamingTheKey(string argument, string expected)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = GatewayApp.Build(["--Service:GrpcPort=0", "--Service:HttpPort=0", "--Gateway:Routing:Watch=false", argument]);
            await app.StartAsync();
        });

        Assert.Contains(ex.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }
}

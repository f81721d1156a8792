using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Synthesis.Grpc;
using VoiceFleet.Testing;

namespace VoiceFleet.Synthesis.Tests;

/// <summary>The Synthesis service starts (even without a model store), serves health and metrics, and implements its whole contract.</summary>
public sealed class SynthesisConformanceTests : ServiceConformanceTests
{
    protected override Func<string[], WebApplication> Build => SynthesisApp.Build;

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [Service.Services.GetRequiredService<SynthesisService>()];

    protected override IReadOnlySet<string> ImplementedMethods { get; } = new HashSet<string>(
        new[] { "Synthesize", "SynthesizeStream", "DetectWatermark", "ListVoices", "ListModelVersions" }
            .Select(m => $"/{SynthesisContract.ServiceName}/{m}"));
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Frontend.Grpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Frontend.Tests;

/// <summary>The Frontend service starts, serves health and metrics; every TextFrontend method is implemented.</summary>
public sealed class FrontendConformanceTests : ServiceConformanceTests
{
    protected override Func<string[], WebApplication> Build => FrontendApp.Build;

    protected override IReadOnlyList<IGrpcService> ExpectedServices => [Service.Services.GetRequiredService<TextFrontendService>()];

    protected override IReadOnlySet<string> ImplementedMethods { get; } = new HashSet<string>
    {
        TextFrontendContract.Analyze.FullName,
        TextFrontendContract.PutLexiconEntries.FullName,
        TextFrontendContract.ListLexiconEntries.FullName,
        TextFrontendContract.DeleteLexiconEntries.FullName,
    };
}

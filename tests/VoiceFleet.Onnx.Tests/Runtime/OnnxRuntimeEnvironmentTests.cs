using Microsoft.Extensions.Logging;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxRuntimeEnvironmentTests(OnnxRuntimeFixture fixture)
{
    [Fact]
    public void Version_IsTheInstalledOnnxRuntime()
    {
        Assert.Equal("1.30.0", fixture.Environment.Version);
        Assert.Equal(30, fixture.Environment.ApiVersion);
        Assert.EndsWith(OnnxRuntimeLibrary.SetupRelativePath, fixture.Environment.LibraryPath, StringComparison.Ordinal);
    }

    [Fact]
    public void GetOrCreate_Again_ReturnsTheSameEnvironment()
    {
        Assert.Same(fixture.Environment, OnnxRuntimeEnvironment.GetOrCreate());
        Assert.Same(fixture.Environment, OnnxRuntimeEnvironment.Default);
    }

    [Fact]
    public void CreateEnv_WithoutALogger_AlsoWorks()
    {
        // ORT keeps one environment per process and counts references to it, so a second create and release
        // leaves the fixture's environment alone; this checks the plain CreateEnv entry of the table.
        using var second = fixture.Environment.Api.CreateEnv(OrtLoggingLevel.Warning, "second");

        Assert.False(second.IsInvalid);
        using var session = OnnxSession.FromBytes(TestModels.Add(), environment: fixture.Environment);
        Assert.Single(session.Outputs);
    }

    [Fact]
    public void NativeLogMessages_ReachTheLogger()
    {
        // A session logging verbosely makes ORT talk while it loads the model.
        using var session = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded with { LogLevel = LogLevel.Trace });

        Assert.Contains(fixture.Logs.Entries, e => e.Category == "VoiceFleet.Onnx.Runtime.OnnxRuntime" && e.Message.StartsWith("ORT [", StringComparison.Ordinal));
    }
}

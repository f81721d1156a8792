using Microsoft.Extensions.Logging;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionOptionsTests(OnnxRuntimeFixture fixture)
{
    public static TheoryData<OnnxSessionOptions> Variants => new()
    {
        new OnnxSessionOptions(),
        new OnnxSessionOptions { IntraOpThreads = 2, InterOpThreads = 2, ExecutionMode = OnnxExecutionMode.Parallel },
        new OnnxSessionOptions { GraphOptimizationLevel = OnnxGraphOptimizationLevel.Disabled, EnableCpuMemArena = false, EnableMemPattern = false },
        new OnnxSessionOptions { GraphOptimizationLevel = OnnxGraphOptimizationLevel.Basic },
        new OnnxSessionOptions { GraphOptimizationLevel = OnnxGraphOptimizationLevel.Extended },
        new OnnxSessionOptions { GraphOptimizationLevel = OnnxGraphOptimizationLevel.Layout, LogLevel = LogLevel.Error },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryOptionCombination_CreatesAWorkingSession(OnnxSessionOptions options)
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), options, fixture.Environment);

        var result = session.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3 }, 1, 3)), ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))));

        Assert.Equal([2f, 3f, 4f], result["Y"].ToArray<float>());
    }

    [Fact]
    public void Cuda_WhenUnavailable_FallsBackToCpuWithAWarning()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded with { UseCuda = true }, fixture.Environment);

        Assert.Equal("CPU", session.ExecutionProvider);
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("falling back to CPU", StringComparison.Ordinal));
        var result = session.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3 }, 1, 3)), ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))));
        Assert.Equal([2f, 3f, 4f], result["Y"].ToArray<float>());
    }

    [Fact]
    public void NegativeThreadCount_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSession.FromBytes(TestModels.Add(), new OnnxSessionOptions { IntraOpThreads = -1 }, fixture.Environment));
    }
}

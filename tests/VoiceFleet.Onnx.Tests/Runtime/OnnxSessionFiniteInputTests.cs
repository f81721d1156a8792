using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>Non-finite floating-point inputs are refused before the native run, unless the session allows them.</summary>
[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionFiniteInputTests(OnnxRuntimeFixture fixture)
{
    private static OnnxTensor B => OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3);

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 4)]
    [InlineData(float.NegativeInfinity, 37)]
    public void Run_NonFiniteFloat_ThrowsNamingInputAndElement(float bad, int position)
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var values = Enumerable.Range(0, 3 * 20).Select(i => (float)i).ToArray();
        values[position] = bad;

        var error = Assert.Throws<ArgumentException>(() => session.Run(Inputs.Of(("X", OnnxTensor.Create(values, 20, 3)), ("B", B))));

        Assert.Contains("'X'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"element {position} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameArrayTurnsNaNBetweenRuns_IsCheckedAgain()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var values = new float[] { 1, 2, 3 };
        var x = OnnxTensor.Create(values, 1, 3);
        session.Run(Inputs.Of(("X", x), ("B", B)));

        values[1] = float.NaN;

        Assert.Throws<ArgumentException>(() => session.Run(Inputs.Of(("X", x), ("B", B))));
    }

    [Fact]
    public void Run_NonFiniteAllowedByOptions_ReachesTheModel()
    {
        var options = OnnxRuntimeFixture.SingleThreaded with { RejectNonFiniteInputs = false };
        using var session = OnnxSession.FromBytes(TestModels.Add(), options, fixture.Environment);

        var y = session.Run(Inputs.Of(("X", OnnxTensor.Create(new[] { float.NaN, float.PositiveInfinity, 0f }, 1, 3)), ("B", B)))["Y"].ToArray<float>();

        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(float.PositiveInfinity, y[1]);
        Assert.Equal(1f, y[2]);
    }
}

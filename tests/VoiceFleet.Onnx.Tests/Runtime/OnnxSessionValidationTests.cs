using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionValidationTests(OnnxRuntimeFixture fixture) : IDisposable
{
    private readonly OnnxSession add = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);

    public void Dispose() => add.Dispose();

    private static OnnxTensor B => OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3);

    private static OnnxTensor X => OnnxTensor.Create(new float[] { 1, 2, 3 }, 1, 3);

    [Fact]
    public void UnknownInput_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => add.Run(Inputs.Of(("X", X), ("B", B), ("Z", X))));

        Assert.Contains("'Z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingInput_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => add.Run(Inputs.Of(("X", X))));

        Assert.Contains("'B'", error.Message, StringComparison.Ordinal);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongElementType_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => add.Run(Inputs.Of(("X", OnnxTensor.Create(new double[] { 1, 2, 3 }, 1, 3)), ("B", B))));

        Assert.Contains("'X'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Float", error.Message, StringComparison.Ordinal);
        Assert.Contains("Double", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongRank_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => add.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3 }, 3)), ("B", B))));

        Assert.Contains("'X'", error.Message, StringComparison.Ordinal);
        Assert.Contains("rank 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedDimensionMismatch_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => add.Run(Inputs.Of(("X", X), ("B", OnnxTensor.Create(new float[] { 1, 1 }, 1, 2)))));

        Assert.Contains("'B'", error.Message, StringComparison.Ordinal);
        Assert.Contains("dimension 1 must be 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOutput_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => add.Run(Inputs.Of(("X", X), ("B", B)), ["Q"]));

        Assert.Contains("'Q'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunInto_WrongOutputType_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => add.RunInto(Inputs.Of(("X", X), ("B", B)), Inputs.Of(("Y", OnnxTensor.Allocate(OnnxElementType.Int32, 1, 3)))));

        Assert.Contains("'Y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataThatDoesNotFillTheShape_IsRefusedBeforeAnyRun()
    {
        var empty = Assert.Throws<ArgumentException>(() => OnnxTensor.Create(Array.Empty<float>(), 1, 3));
        var short_ = Assert.Throws<ArgumentException>(() => OnnxTensor.Create(new float[] { 1, 2 }, 1, 3));
        var negative = Assert.Throws<ArgumentException>(() => OnnxTensor.Create(new float[] { 1 }, -1));

        Assert.Contains("needs 3 elements but the data has 0", empty.Message, StringComparison.Ordinal);
        Assert.Contains("needs 3 elements but the data has 2", short_.Message, StringComparison.Ordinal);
        Assert.Contains("negative", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterDispose_RunThrowsObjectDisposed()
    {
        var session = OnnxSession.FromBytes(TestModels.Add(), environment: fixture.Environment);
        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(Inputs.Of(("X", X), ("B", B))));
    }
}

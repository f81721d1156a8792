using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionRunTests(OnnxRuntimeFixture fixture) : IDisposable
{
    private readonly OnnxSession add = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
    private readonly OnnxSession types = OnnxSession.FromBytes(TestModels.Types(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);

    public void Dispose()
    {
        add.Dispose();
        types.Dispose();
    }

    [Fact]
    public void Add_BroadcastsOverASymbolicBatch()
    {
        var result = add.Run(Inputs.Of(
            ("X", OnnxTensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)),
            ("B", OnnxTensor.Create(new float[] { 10, 20, 30 }, 1, 3))));

        var y = Assert.Single(result).Value;
        Assert.Equal(OnnxElementType.Float, y.ElementType);
        Assert.Equal([2L, 3L], y.Shape);
        Assert.Equal([11f, 22f, 33f, 14f, 25f, 36f], y.ToArray<float>());
    }

    [Fact]
    public void Inputs_OverMemorySlices_AreReadWhereTheyStart()
    {
        var backing = new float[] { -1, -1, 1, 2, 3, -1 };

        var result = add.Run(Inputs.Of(
            ("X", OnnxTensor.Create(backing.AsMemory(2, 3), 1, 3)),
            ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))));

        Assert.Equal([2f, 3f, 4f], result["Y"].ToArray<float>());
    }

    [Fact]
    public void EmptyBatch_RunsAndGivesAnEmptyOutput()
    {
        var result = add.Run(Inputs.Of(
            ("X", OnnxTensor.Create(Array.Empty<float>(), 0, 3)),
            ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))));

        Assert.Equal([0L, 3L], result["Y"].Shape);
        Assert.Equal(0, result["Y"].ElementCount);
    }

    [Fact]
    public void Cast_Int64ToFloat()
    {
        var result = types.Run(TypesInputs(), ["F"]);

        Assert.Equal([-3f, 0f, 7f, 1e6f], Assert.Single(result).Value.ToArray<float>());
    }

    [Fact]
    public void Identity_Int32BoolFloat16AndString_RoundTrip()
    {
        var result = types.Run(TypesInputs());

        Assert.Equal([1, -2, int.MaxValue, int.MinValue], result["A_out"].ToArray<int>());
        Assert.Equal([2L, 2L], result["A_out"].Shape);
        Assert.Equal([true, false, true], result["Bo_out"].ToArray<bool>());
        Assert.Equal([(Half)0.5f, (Half)(-2f), Half.MaxValue, Half.Epsilon], result["H_out"].ToArray<Half>());
        Assert.Equal(["héllo", ""], result["S_out"].GetStrings());
    }

    [Fact]
    public void Bool_FromBytes_IsPassedAsIs()
    {
        var inputs = TypesInputs();
        inputs["Bo"] = OnnxTensor.Create(OnnxElementType.Bool, new byte[] { 0, 1, 1 }.AsMemory(), 3);

        var result = types.Run(inputs, ["Bo_out"]);

        Assert.Equal([(byte)0, (byte)1, (byte)1], result["Bo_out"].ToArray<byte>());
    }

    [Fact]
    public void RunInto_WritesIntoCallerBuffers()
    {
        var y = OnnxTensor.Allocate(OnnxElementType.Float, 2, 3);
        var before = y.AsMemory<float>();

        add.RunInto(
            Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)), ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))),
            Inputs.Of(("Y", y)));

        Assert.Equal([2f, 3f, 4f, 5f, 6f, 7f], before.ToArray());
    }

    [Fact]
    public void RunInto_IdentityOutputs_AreCopiedIntoCallerBuffers()
    {
        var a = OnnxTensor.Allocate(OnnxElementType.Int32, 2, 2);
        var h = OnnxTensor.Allocate(OnnxElementType.Float16, 4);

        types.RunInto(TypesInputs(), Inputs.Of(("A_out", a), ("H_out", h)));

        Assert.Equal([1, -2, int.MaxValue, int.MinValue], a.ToArray<int>());
        Assert.Equal((Half)0.5f, h.AsSpan<Half>()[0]);
    }

    [Fact]
    public void RunInto_BufferOfTheWrongSize_FailsWithoutWritingOutside()
    {
        var small = OnnxTensor.Allocate(OnnxElementType.Float, 1, 3);

        var error = Assert.Throws<OnnxRuntimeException>(() => add.RunInto(
            Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)), ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))),
            Inputs.Of(("Y", small))));

        Assert.Contains("computed output shape", error.NativeMessage, StringComparison.Ordinal);
    }

    private static Dictionary<string, OnnxTensor> TypesInputs() => Inputs.Of(
        ("I", OnnxTensor.Create(new long[] { -3, 0, 7, 1_000_000 }, 4)),
        ("A", OnnxTensor.Create(new[] { 1, -2, int.MaxValue, int.MinValue }, 2, 2)),
        ("Bo", OnnxTensor.Create(new[] { true, false, true }, 3)),
        ("H", OnnxTensor.Create(new[] { (Half)0.5f, (Half)(-2f), Half.MaxValue, Half.Epsilon }, 4)),
        ("S", OnnxTensor.FromStrings(["héllo", ""], 2)));
}

using Microsoft.Extensions.Logging;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>
/// How Run hands outputs to ORT: static shapes into memory given up front (a staging buffer for small outputs,
/// the result array for large ones), dynamic shapes allocated by ORT; and what the result dictionary does.
/// </summary>
[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionOutputTests(OnnxRuntimeFixture fixture)
{
    // 1 KiB goes through the staging buffer, 16 KiB is written in place.
    [Theory]
    [InlineData(256)]
    [InlineData(4096)]
    public void StaticOutput_ComesBackRight_AndEachRunGetsItsOwnArray(int width)
    {
        Assert.True(width * sizeof(float) != OnnxSession.StagingLimitBytes);
        using var session = OnnxSession.FromBytes(TestModels.StaticAdd(width), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var a = Enumerable.Range(0, width).Select(i => (float)i).ToArray();
        var b = Enumerable.Repeat(0.5f, width).ToArray();
        var inputs = Inputs.Of(("A", OnnxTensor.Create(a, 1, width)), ("B", OnnxTensor.Create(b, 1, width)));

        var first = session.Run(inputs)["C"];
        first.AsSpan<float>()[0] = -100;
        b.AsSpan().Fill(2);
        var second = session.Run(inputs)["C"];

        Assert.Equal([1L, width], first.Shape);
        Assert.Equal(-100f, first.AsSpan<float>()[0]);
        Assert.Equal(a.Skip(1).Select(v => v + 0.5f), first.ToArray<float>().Skip(1));
        Assert.Equal([1L, width], second.Shape);
        Assert.Equal(a.Select(v => v + 2f), second.ToArray<float>());
    }

    [Fact]
    public void StaticAndDynamicOutputs_OfEveryKind_InOneRun()
    {
        using var types = OnnxSession.FromBytes(TestModels.Types(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var inputs = Inputs.Of(
            ("I", OnnxTensor.Create(new long[] { 5, -6 }, 2)),
            ("A", OnnxTensor.Create(new[] { 1, 2, 3, 4 }, 2, 2)),
            ("Bo", OnnxTensor.Create(new[] { false, true, false }, 3)),
            ("H", OnnxTensor.Create(new[] { (Half)1, (Half)2, (Half)3, (Half)4 }, 4)),
            ("S", OnnxTensor.FromStrings(["a", "bc"], 2)));

        for (var run = 0; run < 3; run++)
        {
            var result = types.Run(inputs);

            Assert.Equal([5f, -6f], result["F"].ToArray<float>()); // dynamic ("n")
            Assert.Equal([1, 2, 3, 4], result["A_out"].ToArray<int>()); // static, staged
            Assert.Equal([false, true, false], result["Bo_out"].ToArray<bool>());
            Assert.Equal([(Half)1, (Half)2, (Half)3, (Half)4], result["H_out"].ToArray<Half>());
            Assert.Equal(["a", "bc"], result["S_out"].GetStrings()); // strings: always read from ORT's value
        }
    }

    [Fact]
    public void OutputOfAnotherShapeThanDeclared_ComesBackAsComputed_AndIsReadAsDynamicFromThenOn()
    {
        using var session = OnnxSession.FromBytes(TestModels.DeclaredShapeWrong(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        Assert.Equal([4L], session.Outputs[0].Shape);

        var three = session.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { -1, 2, 3 }, 3))))["Y"];
        var four = session.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, -2, 3, 4 }, 4))))["Y"];
        var five = session.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3, 4, -5 }, 5))))["Y"];

        Assert.Equal([3L], three.Shape);
        Assert.Equal([0f, 2f, 3f], three.ToArray<float>());
        Assert.Equal([1f, 0f, 3f, 4f], four.ToArray<float>());
        Assert.Equal([1f, 2f, 3f, 4f, 0f], five.ToArray<float>());
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Output Y came back as [3] but the model declares [4]", StringComparison.Ordinal));
    }

    [Fact]
    public void OutputOfAnotherShapeThanDeclared_MatchingFirst_StillFallsBackLater()
    {
        using var session = OnnxSession.FromBytes(TestModels.DeclaredShapeWrong(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);

        // The declared shape fits the first run, so it is preallocated; the second no longer fits.
        var four = session.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, -2, 3, 4 }, 4))))["Y"];
        var two = session.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { -7, 8 }, 2))))["Y"];

        Assert.Equal([1f, 0f, 3f, 4f], four.ToArray<float>());
        Assert.Equal([2L], two.Shape);
        Assert.Equal([0f, 8f], two.ToArray<float>());
    }

    [Fact]
    public void RunInto_BufferOfTheDeclaredShape_WhenTheOutputDiffers_IsAClearErrorAndNothingIsWrittenOutside()
    {
        using var session = OnnxSession.FromBytes(TestModels.DeclaredShapeWrong(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var backing = new float[] { 9, 9, 9, 9, 9, 9 };
        var y = OnnxTensor.Create(backing.AsMemory(1, 4), 4);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.RunInto(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3, 4, 5 }, 5))), Inputs.Of(("Y", y))));

        Assert.Contains("'Y'", error.NativeMessage, StringComparison.Ordinal);
        Assert.Contains("computed output shape", error.NativeMessage, StringComparison.Ordinal);
        Assert.Equal(9f, backing[0]);
        Assert.Equal(9f, backing[5]);
    }

    [Fact]
    public void ManyInputsAndOutputs_BeyondTheStackAndFixedPins_RunAndRunInto()
    {
        const int Count = 10;
        using var session = OnnxSession.FromBytes(TestModels.Wide(Count), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var inputs = Inputs.Of(Enumerable.Range(0, Count).Select(i => ($"X{i}", OnnxTensor.Create(new float[] { i, 10 * i }, 2))).ToArray());

        for (var run = 0; run < 2; run++)
        {
            var result = session.Run(inputs);
            Assert.Equal(Count + 1, result.Count);
            Assert.Equal([45f, 450f], result["S"].ToArray<float>());
            Assert.Equal([7f, 70f], result["Y7"].ToArray<float>());

            var buffers = Inputs.Of([("S", OnnxTensor.Allocate(OnnxElementType.Float, 2)), .. Enumerable.Range(0, Count).Select(i => ($"Y{i}", OnnxTensor.Allocate(OnnxElementType.Float, 2)))]);
            session.RunInto(inputs, buffers);
            Assert.Equal([45f, 450f], buffers["S"].ToArray<float>());
            Assert.Equal([9f, 90f], buffers["Y9"].ToArray<float>());
        }
    }

    [Fact]
    public void Result_IsAReadOnlyDictionaryInTheOrderAskedFor()
    {
        using var types = OnnxSession.FromBytes(TestModels.Types(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var inputs = Inputs.Of(
            ("I", OnnxTensor.Create(new long[] { 1 }, 1)),
            ("A", OnnxTensor.Create(new[] { 1, 2, 3, 4 }, 2, 2)),
            ("Bo", OnnxTensor.Create(new[] { true, true, true }, 3)),
            ("H", OnnxTensor.Create(new Half[4], 4)),
            ("S", OnnxTensor.FromStrings(["x", "y"], 2)));

        var some = types.Run(inputs, ["H_out", "A_out"]);
        var all = types.Run(inputs);

        Assert.Equal(["H_out", "A_out"], some.Keys);
        Assert.Equal(["H_out", "A_out"], some.Select(p => p.Key));
        Assert.Equal(2, some.Count);
        Assert.Equal([1, 2, 3, 4], some["A_out"].ToArray<int>());
        Assert.Same(some["H_out"], some.Values.First());
        Assert.True(some.ContainsKey("A_out"));
        Assert.False(some.ContainsKey("F"));
        Assert.False(some.TryGetValue("a_out", out _));
        Assert.Throws<KeyNotFoundException>(() => some["F"]);
        Assert.Equal(["F", "A_out", "Bo_out", "H_out", "S_out"], all.Keys);
        Assert.True(all.TryGetValue("S_out", out var strings));
        Assert.Equal(["x", "y"], strings!.GetStrings());
    }
}

using VoiceFleet.Onnx.Graph;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Graph;

public sealed class OnnxDimTests
{
    [Fact]
    public void ImplicitFromLong_IsFixed()
    {
        OnnxDim dim = 4;

        Assert.True(dim.IsFixed);
        Assert.Equal(4, dim.Value);
        Assert.Null(dim.Param);
        Assert.Equal(OnnxDim.Fixed(4), dim);
        Assert.Equal("4", dim.ToString());
    }

    [Fact]
    public void ImplicitFromString_IsSymbolic()
    {
        OnnxDim dim = "batch";

        Assert.True(dim.IsSymbolic);
        Assert.Equal("batch", dim.Param);
        Assert.Equal(OnnxDim.Symbolic("batch"), dim);
        Assert.Equal("batch", dim.ToString());
    }

    [Fact]
    public void Default_IsUnknown()
    {
        OnnxDim dim = default;

        Assert.True(dim.IsUnknown);
        Assert.Equal(OnnxDim.Unknown, dim);
        Assert.Equal("?", dim.ToString());
    }

    [Fact]
    public void Equality_DistinguishesFixedZeroFromUnknown()
    {
        Assert.NotEqual(OnnxDim.Fixed(0), OnnxDim.Unknown);
        Assert.NotEqual(OnnxDim.Symbolic("n"), OnnxDim.Symbolic("m"));
    }

    [Fact]
    public void Fixed_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxDim.Fixed(-1));
    }

    [Fact]
    public void Symbolic_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => OnnxDim.Symbolic(""));
    }
}

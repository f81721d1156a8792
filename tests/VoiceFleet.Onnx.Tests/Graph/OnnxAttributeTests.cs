using System.Buffers.Binary;
using Google.Protobuf;
using VoiceFleet.Onnx.Graph;
using VoiceFleet.Onnx.Proto;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Graph;

public sealed class OnnxAttributeTests
{
    [Fact]
    public void Int_SetsNameTypeAndValue()
    {
        AttributeProto a = OnnxAttribute.Int("axis", -1).Proto;

        Assert.Equal("axis", a.Name);
        Assert.Equal(AttributeProto.Types.AttributeType.Int, a.Type);
        Assert.True(a.HasI);
        Assert.Equal(-1, a.I);
    }

    [Fact]
    public void Float_ZeroValue_IsStillPresent()
    {
        AttributeProto a = AttributeProto.Parser.ParseFrom(OnnxAttribute.Float("alpha", 0f).Proto.ToByteArray());

        Assert.Equal(AttributeProto.Types.AttributeType.Float, a.Type);
        Assert.True(a.HasF);
        Assert.Equal(0f, a.F);
    }

    [Fact]
    public void String_IsStoredAsUtf8()
    {
        AttributeProto a = OnnxAttribute.String("mode", "réflect").Proto;

        Assert.Equal(AttributeProto.Types.AttributeType.String, a.Type);
        Assert.Equal("réflect", a.S.ToStringUtf8());
    }

    [Fact]
    public void Lists_KeepValuesInOrder()
    {
        Assert.Equal([0L, 2L, 1L], OnnxAttribute.Ints("perm", 0, 2, 1).Proto.Ints);
        Assert.Equal([0.5f, 2f], OnnxAttribute.Floats("scales", 0.5f, 2f).Proto.Floats);
        Assert.Equal(["a", "b"], OnnxAttribute.Strings("names", "a", "b").Proto.Strings.Select(s => s.ToStringUtf8()));
        Assert.Equal(OnnxAttributeKind.Ints, OnnxAttribute.Ints("perm").Kind);
        Assert.Equal(OnnxAttributeKind.Floats, OnnxAttribute.Floats("f").Kind);
        Assert.Equal(OnnxAttributeKind.Strings, OnnxAttribute.Strings("s").Kind);
    }

    [Fact]
    public void Tensor_Float_WritesRawLittleEndianWithDims()
    {
        OnnxAttribute attribute = OnnxAttribute.Tensor("value", [1f, -0.5f], 1, 2);
        TensorProto t = attribute.Proto.T;

        Assert.Equal(OnnxAttributeKind.Tensor, attribute.Kind);
        Assert.Equal((int)OnnxElementType.Float, t.DataType);
        Assert.Equal([1L, 2L], t.Dims);
        Assert.Equal(-0.5f, BinaryPrimitives.ReadSingleLittleEndian(t.RawData.Span[4..]));
        Assert.False(t.HasName);
    }

    [Fact]
    public void Tensor_Int64Scalar_HasNoDims()
    {
        TensorProto t = OnnxAttribute.Tensor("value", [42L]).Proto.T;

        Assert.Equal((int)OnnxElementType.Int64, t.DataType);
        Assert.Empty(t.Dims);
        Assert.Equal(42L, BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span));
    }

    [Fact]
    public void Tensor_Int32_SetsInt32Type()
    {
        Assert.Equal((int)OnnxElementType.Int32, OnnxAttribute.Tensor("value", [1, 2, 3], 3).Proto.T.DataType);
    }

    [Fact]
    public void Tensor_ValueCountNotMatchingDims_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => OnnxAttribute.Tensor("value", [1f, 2f], 3));
        Assert.Contains("Tensor attribute 'value' has 2 values but dims [3] hold 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_EmptyName_Throw()
    {
        Assert.Throws<ArgumentException>(() => OnnxAttribute.Int("", 1));
        Assert.Throws<ArgumentException>(() => OnnxAttribute.Tensor("", [1f]));
    }

    [Fact]
    public void Strings_NullElement_Throws()
    {
        Assert.Throws<ArgumentException>(() => OnnxAttribute.Strings("s", "a", null!));
    }

    [Fact]
    public void ToString_ShowsNameAndKind()
    {
        Assert.Equal("axis (Int)", OnnxAttribute.Int("axis", 1).ToString());
    }
}

using Google.Protobuf;
using VoiceFleet.Onnx.Proto;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Graph;

/// <summary>
/// Pins our onnx.proto to ONNX's wire format: field numbers, and which repeated scalars are packed
/// (ONNX's file is proto2: tensor data fields packed, dims and attribute lists not).
/// </summary>
public sealed class OnnxProtoWireTests
{
    [Fact]
    public void TensorProto_Dims_AreUnpackedVarintsInField1()
    {
        byte[] bytes = new TensorProto { Dims = { 1, 4 }, DataType = 1 }.ToByteArray();

        // field 1 varint (0x08) per element, then field 2 varint (0x10).
        Assert.Equal(new byte[] { 0x08, 0x01, 0x08, 0x04, 0x10, 0x01 }, bytes);
    }

    [Fact]
    public void TensorProto_DataFields_ArePackedWithOnnxNumbers()
    {
        Assert.Equal(new byte[] { 0x22, 0x04, 0x00, 0x00, 0x80, 0x3f }, new TensorProto { FloatData = { 1f } }.ToByteArray());
        Assert.Equal(new byte[] { 0x2a, 0x02, 0x01, 0x02 }, new TensorProto { Int32Data = { 1, 2 } }.ToByteArray());
        Assert.Equal(new byte[] { 0x3a, 0x02, 0x01, 0x02 }, new TensorProto { Int64Data = { 1, 2 } }.ToByteArray());
        Assert.Equal(new byte[] { 0x52, 0x08, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f }, new TensorProto { DoubleData = { 1.0 } }.ToByteArray());
    }

    [Fact]
    public void TensorProto_NameRawDataAndStrings_UseOnnxNumbers()
    {
        var tensor = new TensorProto { Name = "w", RawData = ByteString.CopyFrom(7), StringData = { ByteString.CopyFromUtf8("s") } };

        // string_data = 6, name = 8, raw_data = 9.
        Assert.Equal(new byte[] { 0x32, 0x01, (byte)'s', 0x42, 0x01, (byte)'w', 0x4a, 0x01, 0x07 }, tensor.ToByteArray());
    }

    [Fact]
    public void AttributeProto_ListsAreUnpackedAndTypeIsField20()
    {
        var ints = new AttributeProto { Name = "a", Ints = { 1, 2 }, Type = AttributeProto.Types.AttributeType.Ints };
        var floats = new AttributeProto { Floats = { 1f } };

        // name = 1; ints = 8 as one varint tag (0x40) per element; type = 20 (tag 0xa0 0x01), INTS = 7.
        Assert.Equal(new byte[] { 0x0a, 0x01, (byte)'a', 0x40, 0x01, 0x40, 0x02, 0xa0, 0x01, 0x07 }, ints.ToByteArray());
        // floats = 7 as one fixed32 tag (0x3d) per element.
        Assert.Equal(new byte[] { 0x3d, 0x00, 0x00, 0x80, 0x3f }, floats.ToByteArray());
    }

    [Fact]
    public void AttributeProto_ScalarFields_UseOnnxNumbers()
    {
        // f = 2 (fixed32), i = 3, s = 4, t = 5, g = 6, strings = 9.
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3f }, new AttributeProto { F = 1f }.ToByteArray());
        Assert.Equal(new byte[] { 0x18, 0x05 }, new AttributeProto { I = 5 }.ToByteArray());
        Assert.Equal(new byte[] { 0x22, 0x01, (byte)'x' }, new AttributeProto { S = ByteString.CopyFromUtf8("x") }.ToByteArray());
        Assert.Equal(new byte[] { 0x2a, 0x00 }, new AttributeProto { T = new TensorProto() }.ToByteArray());
        Assert.Equal(new byte[] { 0x32, 0x00 }, new AttributeProto { G = new GraphProto() }.ToByteArray());
        Assert.Equal(new byte[] { 0x4a, 0x01, (byte)'y' }, new AttributeProto { Strings = { ByteString.CopyFromUtf8("y") } }.ToByteArray());
    }

    [Fact]
    public void ModelProto_Fields_UseOnnxNumbers()
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "p",
            ProducerVersion = "v",
            Domain = "d",
            ModelVersion = 2,
            DocString = "o",
            Graph = new GraphProto(),
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
            MetadataProps = { new StringStringEntryProto { Key = "k", Value = "x" } },
        };

        Assert.Equal(
            new byte[]
            {
                0x08, 0x08,                     // ir_version = 1
                0x12, 0x01, (byte)'p',          // producer_name = 2
                0x1a, 0x01, (byte)'v',          // producer_version = 3
                0x22, 0x01, (byte)'d',          // domain = 4
                0x28, 0x02,                     // model_version = 5
                0x32, 0x01, (byte)'o',          // doc_string = 6
                0x3a, 0x00,                     // graph = 7
                0x42, 0x04, 0x0a, 0x00, 0x10, 0x11, // opset_import = 8 { domain = 1, version = 2 }
                0x72, 0x06, 0x0a, 0x01, (byte)'k', 0x12, 0x01, (byte)'x', // metadata_props = 14 { key = 1, value = 2 }
            },
            model.ToByteArray());
    }

    [Fact]
    public void GraphNodeAndValueInfo_Fields_UseOnnxNumbers()
    {
        var graph = new GraphProto
        {
            Node = { new NodeProto() },
            Name = "g",
            Initializer = { new TensorProto() },
            DocString = "d",
            Input = { new ValueInfoProto() },
            Output = { new ValueInfoProto() },
            ValueInfo = { new ValueInfoProto() },
        };
        // node = 1, name = 2, initializer = 5, doc_string = 10, input = 11, output = 12, value_info = 13.
        Assert.Equal(
            new byte[] { 0x0a, 0x00, 0x12, 0x01, (byte)'g', 0x2a, 0x00, 0x52, 0x01, (byte)'d', 0x5a, 0x00, 0x62, 0x00, 0x6a, 0x00 },
            graph.ToByteArray());

        var node = new NodeProto
        {
            Input = { "i" },
            Output = { "o" },
            Name = "n",
            OpType = "t",
            Attribute = { new AttributeProto() },
            DocString = "c",
            Domain = "m",
        };
        // input = 1, output = 2, name = 3, op_type = 4, attribute = 5, doc_string = 6, domain = 7.
        Assert.Equal(
            new byte[] { 0x0a, 0x01, (byte)'i', 0x12, 0x01, (byte)'o', 0x1a, 0x01, (byte)'n', 0x22, 0x01, (byte)'t', 0x2a, 0x00, 0x32, 0x01, (byte)'c', 0x3a, 0x01, (byte)'m' },
            node.ToByteArray());

        var info = new ValueInfoProto { Name = "v", Type = new TypeProto(), DocString = "s" };
        // name = 1, type = 2, doc_string = 3.
        Assert.Equal(new byte[] { 0x0a, 0x01, (byte)'v', 0x12, 0x00, 0x1a, 0x01, (byte)'s' }, info.ToByteArray());
    }

    [Fact]
    public void TypeAndShape_Fields_UseOnnxNumbers()
    {
        var type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = 7,
                Shape = new TensorShapeProto
                {
                    Dim =
                    {
                        new TensorShapeProto.Types.Dimension { DimValue = 3 },
                        new TensorShapeProto.Types.Dimension { DimParam = "n" },
                    },
                },
            },
        };

        // tensor_type = 1 { elem_type = 1, shape = 2 { dim = 1 { dim_value = 1 }, dim = 1 { dim_param = 2 } } }.
        Assert.Equal(
            new byte[] { 0x0a, 0x0d, 0x08, 0x07, 0x12, 0x09, 0x0a, 0x02, 0x08, 0x03, 0x0a, 0x03, 0x12, 0x01, (byte)'n' },
            type.ToByteArray());
    }
}

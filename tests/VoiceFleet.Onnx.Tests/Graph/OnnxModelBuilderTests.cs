using System.Buffers.Binary;
using System.Security.Cryptography;
using VoiceFleet.Onnx.Graph;
using VoiceFleet.Onnx.Proto;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Graph;

public sealed class OnnxModelBuilderTests
{
    // SHA-256 of GraphSamples.AddModel().ToBytes(). These bytes were checked by hand to be identical
    // to what ONNX's own Python onnx.helper (1.12) serialises for the same model, and to pass
    // onnx.checker.check_model(full_check=True). If the hash changes, every generated model's bytes
    // change too: make sure that is intended, and that ONNX tools still accept the output.
    private const string AddModelSha256 = "ad828fe27aede40a48dc50c300a075cdc572c615515edb6c1b8d8152e022c7a6";

    [Fact]
    public void ToBytes_SameCallsOnTwoBuilders_GiveIdenticalBytes()
    {
        byte[] first = GraphSamples.AddModel().ToBytes();
        byte[] second = GraphSamples.AddModel().ToBytes();

        Assert.Equal(first, second);
    }

    [Fact]
    public void ToBytes_CalledTwice_GivesIdenticalBytes()
    {
        OnnxModelBuilder builder = GraphSamples.CastModel();

        Assert.Equal(builder.ToBytes(), builder.ToBytes());
    }

    [Fact]
    public void ToBytes_AddModel_MatchesPinnedHash()
    {
        byte[] bytes = GraphSamples.AddModel().ToBytes();

        Assert.Equal(AddModelSha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void ToBytes_AddModel_RoundTripsModelFields()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(GraphSamples.AddModel().ToBytes());

        Assert.Equal(8, model.IrVersion);
        Assert.Equal(OnnxModelBuilder.IrVersion, model.IrVersion);
        OperatorSetIdProto opset = Assert.Single(model.OpsetImport);
        Assert.True(opset.HasDomain);
        Assert.Equal("", opset.Domain);
        Assert.Equal(17, opset.Version);
        Assert.Equal("voicefleet", model.ProducerName);
        Assert.Equal("1.0", model.ProducerVersion);
        Assert.Equal("dev.voicefleet", model.Domain);
        Assert.Equal(3, model.ModelVersion);
        Assert.Equal("Adds a constant row.", model.DocString);
        Assert.Equal(
            [("voicefleet.kind", "test"), ("sample_rate", "22050")],
            model.MetadataProps.Select(p => (p.Key, p.Value)).ToArray());
    }

    [Fact]
    public void ToBytes_AddModel_RoundTripsGraph()
    {
        GraphProto graph = ModelProto.Parser.ParseFrom(GraphSamples.AddModel().ToBytes()).Graph;

        Assert.Equal("add", graph.Name);
        ValueInfoProto x = Assert.Single(graph.Input);
        Assert.Equal("X", x.Name);
        Assert.Equal((int)OnnxElementType.Float, x.Type.TensorType.ElemType);
        Assert.Equal(2, x.Type.TensorType.Shape.Dim.Count);
        Assert.Equal(TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam, x.Type.TensorType.Shape.Dim[0].ValueCase);
        Assert.Equal("batch", x.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue, x.Type.TensorType.Shape.Dim[1].ValueCase);
        Assert.Equal(4, x.Type.TensorType.Shape.Dim[1].DimValue);

        ValueInfoProto y = Assert.Single(graph.Output);
        Assert.Equal("Y", y.Name);
        Assert.Equal("batch", y.Type.TensorType.Shape.Dim[0].DimParam);

        TensorProto b = Assert.Single(graph.Initializer);
        Assert.Equal("B", b.Name);
        Assert.Equal((int)OnnxElementType.Float, b.DataType);
        Assert.Equal([1L, 4L], b.Dims);
        Assert.Empty(b.FloatData);
        Assert.Equal([1f, 2f, 3f, 4f], Floats(b.RawData.Span));

        NodeProto add = Assert.Single(graph.Node);
        Assert.Equal("Add", add.OpType);
        Assert.Equal("Add_0", add.Name);
        Assert.False(add.HasDomain);
        Assert.Equal(["X", "B"], add.Input);
        Assert.Equal(["Y"], add.Output);
        Assert.Empty(add.Attribute);
    }

    [Fact]
    public void ToBytes_CastModel_WritesToAttributeAndInt64Input()
    {
        GraphProto graph = ModelProto.Parser.ParseFrom(GraphSamples.CastModel().ToBytes()).Graph;

        Assert.Equal((int)OnnxElementType.Int64, graph.Input[0].Type.TensorType.ElemType);
        Assert.Equal("n", graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        AttributeProto to = Assert.Single(graph.Node[0].Attribute);
        Assert.Equal("to", to.Name);
        Assert.Equal(AttributeProto.Types.AttributeType.Int, to.Type);
        Assert.Equal((long)OnnxElementType.Float, to.I);
    }

    [Fact]
    public void ToBytes_OptionalArguments_AreOmitted()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(GraphSamples.CastModel().ToBytes());

        Assert.False(model.HasDomain);
        Assert.False(model.HasModelVersion);
        Assert.False(model.HasDocString);
        Assert.Empty(model.MetadataProps);
    }

    [Fact]
    public void Constructor_OpsetAndProducer_AreWritten()
    {
        byte[] bytes = new OnnxModelBuilder("g", opsetVersion: 13, producerName: "forge", producerVersion: "2.1")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode("Identity", ["x"], ["y"])
            .AddOutput("y", OnnxElementType.Float, 1)
            .ToBytes();
        ModelProto model = ModelProto.Parser.ParseFrom(bytes);

        Assert.Equal(13, model.OpsetImport[0].Version);
        Assert.Equal("forge", model.ProducerName);
        Assert.Equal("2.1", model.ProducerVersion);
    }

    [Fact]
    public void AddInput_ScalarAndUnknownDims_WriteEmptyShapeAndEmptyDimension()
    {
        GraphProto graph = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddInput("scale", OnnxElementType.Float)
            .AddInput("x", OnnxElementType.Float, OnnxDim.Unknown, 3)
            .AddNode("Mul", ["x", "scale"], ["y"])
            .AddOutput("y", OnnxElementType.Float, OnnxDim.Unknown, 3)
            .ToBytes()).Graph;

        TypeProto.Types.Tensor scale = graph.Input[0].Type.TensorType;
        Assert.NotNull(scale.Shape);
        Assert.Empty(scale.Shape.Dim);
        TensorShapeProto.Types.Dimension unknown = graph.Input[1].Type.TensorType.Shape.Dim[0];
        Assert.Equal(TensorShapeProto.Types.Dimension.ValueOneofCase.None, unknown.ValueCase);
        Assert.Equal(3, graph.Input[1].Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Fact]
    public void AddInitializer_EachOverload_WritesTypeDimsAndLittleEndianBytes()
    {
        GraphProto graph = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddInitializer("f", [1.5f, -2f], 2)
            .AddInitializer("d", [0.25], 1, 1)
            .AddInitializer("l", [-1L, 1L << 40, 7L], 3)
            .AddInitializer("i", [int.MinValue], [])
            .AddRawInitializer("b", OnnxElementType.Bool, [1, 0, 1], 3)
            .AddNode("Identity", ["f"], ["y"])
            .AddOutput("y", OnnxElementType.Float, 2)
            .ToBytes()).Graph;

        Dictionary<string, TensorProto> byName = graph.Initializer.ToDictionary(t => t.Name);
        Assert.Equal(["f", "d", "l", "i", "b"], graph.Initializer.Select(t => t.Name));
        Assert.Equal([1.5f, -2f], Floats(byName["f"].RawData.Span));
        Assert.Equal((int)OnnxElementType.Double, byName["d"].DataType);
        Assert.Equal(0.25, BinaryPrimitives.ReadDoubleLittleEndian(byName["d"].RawData.Span));
        Assert.Equal([1L, 1L], byName["d"].Dims);
        Assert.Equal((int)OnnxElementType.Int64, byName["l"].DataType);
        Assert.Equal(1L << 40, BinaryPrimitives.ReadInt64LittleEndian(byName["l"].RawData.Span[8..]));
        Assert.Equal((int)OnnxElementType.Int32, byName["i"].DataType);
        Assert.Empty(byName["i"].Dims);
        Assert.Equal(int.MinValue, BinaryPrimitives.ReadInt32LittleEndian(byName["i"].RawData.Span));
        Assert.Equal((int)OnnxElementType.Bool, byName["b"].DataType);
        Assert.Equal(new byte[] { 1, 0, 1 }, byName["b"].RawData.ToByteArray());
    }

    [Fact]
    public void AddInitializer_ZeroSizedTensor_IsAccepted()
    {
        GraphProto graph = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddInitializer("empty", ReadOnlySpan<float>.Empty, 0, 4)
            .AddNode("Identity", ["empty"], ["y"])
            .AddOutput("y", OnnxElementType.Float, 0, 4)
            .ToBytes()).Graph;

        Assert.Equal([0L, 4L], graph.Initializer[0].Dims);
        Assert.True(graph.Initializer[0].RawData.IsEmpty);
    }

    [Fact]
    public void AddInitializer_SourceArrayChangedAfterwards_KeepsCopiedValues()
    {
        float[] values = [1f, 2f];
        OnnxModelBuilder builder = new OnnxModelBuilder("g")
            .AddInitializer("w", values, 2)
            .AddNode("Identity", ["w"], ["y"])
            .AddOutput("y", OnnxElementType.Float, 2);
        values[0] = 99f;

        TensorProto w = ModelProto.Parser.ParseFrom(builder.ToBytes()).Graph.Initializer[0];
        Assert.Equal([1f, 2f], Floats(w.RawData.Span));
    }

    [Fact]
    public void AddNode_NamedNodeInCustomDomain_WritesNameDomainAndImport()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddOpsetImport("com.microsoft", 1)
            .AddInput("x", OnnxElementType.Float, 4)
            .AddNode(new OnnxNode("Gelu", ["x"], ["y"]) { Name = "gelu", Domain = "com.microsoft", DocString = "d" })
            .AddOutput("y", OnnxElementType.Float, 4)
            .ToBytes());

        Assert.Equal([("", 17L), ("com.microsoft", 1L)], model.OpsetImport.Select(o => (o.Domain, o.Version)).ToArray());
        NodeProto node = model.Graph.Node[0];
        Assert.Equal("gelu", node.Name);
        Assert.Equal("com.microsoft", node.Domain);
        Assert.Equal("d", node.DocString);
    }

    [Fact]
    public void AddNode_OmittedOptionalInputAndOutput_AreWrittenAsEmptyNames()
    {
        GraphProto graph = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1, 4)
            .AddInitializer("scales", [1f, 2f], 2)
            .AddNode("Resize", ["x", "", "scales"], ["y"], OnnxAttribute.String("mode", "nearest"))
            .AddNode("Dropout", ["y"], ["z", ""])
            .AddOutput("z", OnnxElementType.Float, 1, 8)
            .ToBytes()).Graph;

        Assert.Equal(["x", "", "scales"], graph.Node[0].Input);
        Assert.Equal(["z", ""], graph.Node[1].Output);
        Assert.Equal("Dropout_1", graph.Node[1].Name);
    }

    [Fact]
    public void AddNode_AutomaticNameTakenByExplicitName_PicksAnotherName()
    {
        GraphProto graph = ModelProto.Parser.ParseFrom(new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode(new OnnxNode("Relu", ["x"], ["a"]) { Name = "Relu_1" })
            .AddNode("Relu", ["a"], ["b"])
            .AddOutput("b", OnnxElementType.Float, 1)
            .ToBytes()).Graph;

        Assert.Equal(["Relu_1", "Relu_1_1"], graph.Node.Select(n => n.Name));
    }

    [Fact]
    public void Save_WritesTheSameBytesAsToBytes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"voicefleet-graph-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxModelBuilder builder = GraphSamples.AddModel();
            builder.Save(path);

            Assert.Equal(builder.ToBytes(), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // ---- validation at the call ----

    [Fact]
    public void Constructor_EmptyGraphName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder(""));
    }

    [Fact]
    public void Constructor_OpsetBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxModelBuilder("g", opsetVersion: 0));
    }

    [Fact]
    public void AddInput_DuplicateName_ThrowsNamingIt()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1);

        var ex = Assert.Throws<ArgumentException>(() => builder.AddInput("x", OnnxElementType.Float, 1));
        Assert.Contains("'x' is already defined as a graph input", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInitializer_NameOfAnInput_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddInput("w", OnnxElementType.Float, 1);

        Assert.Throws<ArgumentException>(() => builder.AddInitializer("w", [1f], 1));
    }

    [Fact]
    public void AddInput_NameOfANodeOutput_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode("Relu", ["x"], ["y"]);

        var ex = Assert.Throws<ArgumentException>(() => builder.AddInput("y", OnnxElementType.Float, 1));
        Assert.Contains("an output of node 'Relu_0'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInput_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddInput("", OnnxElementType.Float, 1));
    }

    [Theory]
    [InlineData(OnnxElementType.Undefined)]
    [InlineData((OnnxElementType)99)]
    public void AddInput_NotAnElementType_Throws(OnnxElementType type)
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddInput("x", type, 1));
        Assert.Equal("type", ex.ParamName);
    }

    [Fact]
    public void AddInput_NegativeFixedDimension_ThrowsNamingTheDimension()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1, -2));
        Assert.Contains("Input 'x', dimension 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutput_EmptySymbolicDimension_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddOutput("y", OnnxElementType.Float, ""));
        Assert.Contains("symbolic dimension needs a non-empty name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutput_DuplicateName_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddOutput("y", OnnxElementType.Float, 1);

        Assert.Throws<ArgumentException>(() => builder.AddOutput("y", OnnxElementType.Float, 1));
    }

    [Fact]
    public void AddInitializer_ValueCountNotMatchingDims_ThrowsWithBothCounts()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddInitializer("B", [1f, 2f, 3f], 1, 4));
        Assert.Contains("Initializer 'B' has 3 values but dims [1, 4] hold 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInitializer_NegativeDim_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddInitializer("B", [1L], -1));
    }

    [Fact]
    public void AddInitializer_ScalarWithTwoValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddInitializer("s", [1, 2]));
    }

    [Fact]
    public void AddRawInitializer_ByteCountNotMatchingDims_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => new OnnxModelBuilder("g").AddRawInitializer("h", OnnxElementType.Float16, [0, 60, 0], 2));
        Assert.Contains("3 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRawInitializer_StringType_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => new OnnxModelBuilder("g").AddRawInitializer("s", OnnxElementType.String, [65], 1));
    }

    [Fact]
    public void AddNode_EmptyOpType_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddNode("", ["x"], ["y"]));
        Assert.Contains("op type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNode_OutputAlreadyDefined_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1);

        var ex = Assert.Throws<ArgumentException>(() => builder.AddNode("Relu", ["x"], ["x"]));
        Assert.Contains("output 'x' is already defined as a graph input", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNode_SameOutputTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddNode("Split", ["x"], ["a", "a"]));
    }

    [Fact]
    public void AddNode_NoNamedOutput_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddNode("Relu", ["x"], [""]));
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddNode("Relu", ["x"], []));
    }

    [Fact]
    public void AddNode_DuplicateAttributeName_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g")
            .AddNode("Concat", ["a", "b"], ["c"], OnnxAttribute.Int("axis", 0), OnnxAttribute.Int("axis", 1)));
        Assert.Contains("attribute 'axis' is given twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNode_DuplicateNodeName_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode(new OnnxNode("Relu", ["x"], ["a"]) { Name = "act" });

        Assert.Throws<ArgumentException>(() => builder.AddNode(new OnnxNode("Relu", ["a"], ["b"]) { Name = "act" }));
    }

    [Fact]
    public void AddNode_NullInputName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OnnxModelBuilder("g").AddNode("Relu", [null!], ["y"]));
    }

    [Fact]
    public void AddMetadata_DuplicateKey_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddMetadata("k", "1");

        Assert.Throws<ArgumentException>(() => builder.AddMetadata("k", "2"));
    }

    [Fact]
    public void AddOpsetImport_DefaultOrRepeatedDomain_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddOpsetImport("com.microsoft", 1);

        Assert.Throws<ArgumentException>(() => builder.AddOpsetImport("", 17));
        Assert.Throws<ArgumentException>(() => builder.AddOpsetImport("com.microsoft", 1));
    }

    [Fact]
    public void AddNode_FailedCall_LeavesBuilderUnchanged()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1);
        Assert.Throws<ArgumentException>(() => builder.AddNode("Relu", ["x"], ["y", "y"]));

        builder.AddNode("Relu", ["x"], ["y"]).AddOutput("y", OnnxElementType.Float, 1);

        Assert.Equal("Relu_0", ModelProto.Parser.ParseFrom(builder.ToBytes()).Graph.Node.Single().Name);
    }

    // ---- validation at ToBytes ----

    [Fact]
    public void ToBytes_NodeInputNamingNothing_ThrowsNamingNodeAndInput()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode("Add", ["x", "bias"], ["y"])
            .AddOutput("y", OnnxElementType.Float, 1);

        var ex = Assert.Throws<InvalidOperationException>(builder.ToBytes);
        Assert.Contains("Node 'Add_0' (Add) reads 'bias'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a graph input, an initializer or an output of an earlier node", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_NodeReadingALaterNodesOutput_ThrowsAboutTopologicalOrder()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode("Relu", ["a"], ["b"])
            .AddNode("Relu", ["x"], ["a"])
            .AddOutput("b", OnnxElementType.Float, 1);

        var ex = Assert.Throws<InvalidOperationException>(builder.ToBytes);
        Assert.Contains("topological order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_InitializerAddedAfterItsNode_IsAccepted()
    {
        byte[] bytes = new OnnxModelBuilder("g")
            .AddOutput("y", OnnxElementType.Float, 2)
            .AddNode("Add", ["x", "b"], ["y"])
            .AddInitializer("b", [1f, 2f], 2)
            .AddInput("x", OnnxElementType.Float, 2)
            .ToBytes();

        Assert.NotEmpty(bytes);
    }

    [Fact]
    public void ToBytes_OutputNamingNoValue_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode("Relu", ["x"], ["y"])
            .AddOutput("z", OnnxElementType.Float, 1);

        var ex = Assert.Throws<InvalidOperationException>(builder.ToBytes);
        Assert.Contains("Graph output 'z'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_NoOutputs_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g").AddInput("x", OnnxElementType.Float, 1);

        Assert.Throws<InvalidOperationException>(builder.ToBytes);
    }

    [Fact]
    public void ToBytes_NodeInDomainWithoutImport_Throws()
    {
        OnnxModelBuilder builder = new OnnxModelBuilder("g")
            .AddInput("x", OnnxElementType.Float, 1)
            .AddNode(new OnnxNode("Gelu", ["x"], ["y"]) { Domain = "com.microsoft" })
            .AddOutput("y", OnnxElementType.Float, 1);

        var ex = Assert.Throws<InvalidOperationException>(builder.ToBytes);
        Assert.Contains("AddOpsetImport", ex.Message, StringComparison.Ordinal);
    }

    private static float[] Floats(ReadOnlySpan<byte> raw)
    {
        var values = new float[raw.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
        }

        return values;
    }
}

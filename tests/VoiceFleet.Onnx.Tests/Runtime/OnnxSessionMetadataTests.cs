using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionMetadataTests(OnnxRuntimeFixture fixture)
{
    [Fact]
    public void InputsAndOutputs_HaveNamesTypesShapesAndSymbolicDims()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), environment: fixture.Environment);

        Assert.Equal(["X", "B"], session.Inputs.Select(i => i.Name));
        var x = session.Inputs[0];
        Assert.Equal(OnnxElementType.Float, x.ElementType);
        Assert.Equal([-1L, 3L], x.Shape);
        Assert.Equal(new string?[] { "batch", null }, x.SymbolicDims.AsEnumerable());
        Assert.Equal([1L, 3L], session.Inputs[1].Shape);
        Assert.All(session.Inputs[1].SymbolicDims, Assert.Null);

        var y = Assert.Single(session.Outputs);
        Assert.Equal("Y", y.Name);
        Assert.Equal(OnnxElementType.Float, y.ElementType);
        Assert.Equal(new string?[] { "batch", null }, y.SymbolicDims.AsEnumerable());
        Assert.Equal("CPU", session.ExecutionProvider);
    }

    [Fact]
    public void ElementTypes_AreReportedForEveryKind()
    {
        using var session = OnnxSession.FromBytes(TestModels.Types(), environment: fixture.Environment);

        Assert.Equal(
            [OnnxElementType.Int64, OnnxElementType.Int32, OnnxElementType.Bool, OnnxElementType.Float16, OnnxElementType.String],
            session.Inputs.Select(i => i.ElementType));
        Assert.Equal(
            [OnnxElementType.Float, OnnxElementType.Int32, OnnxElementType.Bool, OnnxElementType.Float16, OnnxElementType.String],
            session.Outputs.Select(o => o.ElementType));
    }

    [Fact]
    public void Metadata_IsReadFromTheModel()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), environment: fixture.Environment);

        var metadata = session.Metadata;
        Assert.Equal("voicefleet-tests", metadata.ProducerName);
        Assert.Equal("add_graph", metadata.GraphName);
        Assert.Equal("Adds B to every row of X.", metadata.Description);
        Assert.Equal("dev.voicefleet.tests", metadata.Domain);
        Assert.Equal(7, metadata.Version);
        Assert.Equal(2, metadata.CustomMetadata.Count);
        Assert.Equal("alice", metadata.CustomMetadata["speaker"]);
        Assert.Equal("22050", metadata.CustomMetadata["sample_rate"]);
    }

    [Fact]
    public void Open_FromFile_MatchesFromBytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"voicefleet-add-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TestModels.Add());
        try
        {
            using var fromFile = OnnxSession.Open(path, environment: fixture.Environment);
            using var fromBytes = OnnxSession.FromBytes(File.ReadAllBytes(path), environment: fixture.Environment);

            Assert.Equal(fromBytes.Inputs.Select(i => i.ToString()), fromFile.Inputs.Select(i => i.ToString()));
            Assert.Equal(fromBytes.Metadata.GraphName, fromFile.Metadata.GraphName);
            var result = fromFile.Run(Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3 }, 1, 3)), ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))));
            Assert.Equal([2f, 3f, 4f], result["Y"].ToArray<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromBytes_CorruptModel_ThrowsWithOrtsMessage()
    {
        var model = TestModels.Add();
        var corrupt = model.Take(model.Length / 2).Concat(Enumerable.Repeat((byte)0xFF, 16)).ToArray();

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes(corrupt, environment: fixture.Environment));

        Assert.Equal(OnnxErrorCode.InvalidProtobuf, error.ErrorCode);
        Assert.Contains("protobuf", error.NativeMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Open_MissingFile_ThrowsNoSuchFile()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open("/nonexistent/model.onnx", environment: fixture.Environment));

        Assert.Equal(OnnxErrorCode.NoSuchFile, error.ErrorCode);
        Assert.Contains("/nonexistent/model.onnx", error.Message, StringComparison.Ordinal);
    }
}

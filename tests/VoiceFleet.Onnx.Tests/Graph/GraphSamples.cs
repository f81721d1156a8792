using VoiceFleet.Onnx.Graph;

namespace VoiceFleet.Onnx.Tests.Graph;

/// <summary>Small models the Graph tests build more than once.</summary>
internal static class GraphSamples
{
    /// <summary>Y = X + B: X float ["batch", 4], B a [1, 4] initializer, Y float ["batch", 4].</summary>
    public static OnnxModelBuilder AddModel() =>
        new OnnxModelBuilder("add")
            .AddInput("X", OnnxElementType.Float, "batch", 4)
            .AddInitializer("B", [1f, 2f, 3f, 4f], 1, 4)
            .AddNode("Add", ["X", "B"], ["Y"])
            .AddOutput("Y", OnnxElementType.Float, "batch", 4)
            .AddMetadata("voicefleet.kind", "test")
            .AddMetadata("sample_rate", "22050")
            .WithDocString("Adds a constant row.")
            .WithModelVersion(3)
            .WithDomain("dev.voicefleet");

    /// <summary>Y = float(X): X int64 ["n"], Y float ["n"].</summary>
    public static OnnxModelBuilder CastModel() =>
        new OnnxModelBuilder("cast")
            .AddInput("X", OnnxElementType.Int64, "n")
            .AddNode("Cast", ["X"], ["Y"], OnnxAttribute.Int("to", (long)OnnxElementType.Float))
            .AddOutput("Y", OnnxElementType.Float, "n");
}

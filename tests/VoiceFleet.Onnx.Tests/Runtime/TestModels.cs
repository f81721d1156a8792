using VoiceFleet.Onnx.Graph;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>Small models for the runtime tests, written with the project's own model builder.</summary>
internal static class TestModels
{
    /// <summary>Y = X + B: X is float [batch, 3] (symbolic batch), B is float [1, 3]; with metadata set.</summary>
    public static byte[] Add() =>
        new OnnxModelBuilder("add_graph", producerName: "voicefleet-tests", producerVersion: "2.0")
            .AddInput("X", OnnxElementType.Float, "batch", 3)
            .AddInput("B", OnnxElementType.Float, 1, 3)
            .AddNode("Add", ["X", "B"], ["Y"])
            .AddOutput("Y", OnnxElementType.Float, "batch", 3)
            .AddMetadata("speaker", "alice")
            .AddMetadata("sample_rate", "22050")
            .WithDocString("Adds B to every row of X.")
            .WithModelVersion(7)
            .WithDomain("dev.voicefleet.tests")
            .ToBytes();

    /// <summary>
    /// Several independent paths: Cast int64 → float ("I" → "F"), and identities on int32, bool, float16 and
    /// string ("A", "Bo", "H", "S" → "*_out").
    /// </summary>
    public static byte[] Types() =>
        new OnnxModelBuilder("types")
            .AddInput("I", OnnxElementType.Int64, "n")
            .AddInput("A", OnnxElementType.Int32, 2, 2)
            .AddInput("Bo", OnnxElementType.Bool, 3)
            .AddInput("H", OnnxElementType.Float16, 4)
            .AddInput("S", OnnxElementType.String, 2)
            .AddNode("Cast", ["I"], ["F"], OnnxAttribute.Int("to", (long)OnnxElementType.Float))
            .AddNode("Identity", ["A"], ["A_out"])
            .AddNode("Identity", ["Bo"], ["Bo_out"])
            .AddNode("Identity", ["H"], ["H_out"])
            .AddNode("Identity", ["S"], ["S_out"])
            .AddOutput("F", OnnxElementType.Float, "n")
            .AddOutput("A_out", OnnxElementType.Int32, 2, 2)
            .AddOutput("Bo_out", OnnxElementType.Bool, 3)
            .AddOutput("H_out", OnnxElementType.Float16, 4)
            .AddOutput("S_out", OnnxElementType.String, 2)
            .ToBytes();

    /// <summary>
    /// A chain of <paramref name="steps"/> MatMuls of a [1024, 1024] input with itself: about 2 GFLOP a step,
    /// slow enough (seconds) to be cancelled mid-run, while the file stays tiny (no weights).
    /// </summary>
    public static byte[] SlowMatMulChain(int steps = 64)
    {
        var builder = new OnnxModelBuilder("slow").AddInput("X", OnnxElementType.Float, 1024, 1024);
        var previous = "X";
        for (var i = 0; i < steps; i++)
        {
            builder.AddNode("MatMul", [previous, "X"], [$"h{i}"]);
            previous = $"h{i}";
        }

        return builder.AddNode("Identity", [previous], ["Y"]).AddOutput("Y", OnnxElementType.Float, 1024, 1024).ToBytes();
    }
}

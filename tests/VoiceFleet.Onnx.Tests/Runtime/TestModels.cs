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

    /// <summary>C = A + B with every shape fixed: float [1, <paramref name="width"/>] (static outputs, preallocated by Run).</summary>
    public static byte[] StaticAdd(int width) =>
        new OnnxModelBuilder("static_add")
            .AddInput("A", OnnxElementType.Float, 1, width)
            .AddInput("B", OnnxElementType.Float, 1, width)
            .AddNode("Add", ["A", "B"], ["C"])
            .AddOutput("C", OnnxElementType.Float, 1, width)
            .ToBytes();

    /// <summary>
    /// Y = Relu(X), X float ["n"], but Y declared as float [4]: ORT reports Y as static and produces [n], the
    /// usual result of an exporter that fixed output shapes while leaving inputs dynamic.
    /// </summary>
    public static byte[] DeclaredShapeWrong() =>
        new OnnxModelBuilder("declared_wrong")
            .AddInput("X", OnnxElementType.Float, "n")
            .AddNode("Relu", ["X"], ["Y"])
            .AddOutput("Y", OnnxElementType.Float, 4)
            .ToBytes();

    /// <summary>
    /// <paramref name="count"/> float [2] inputs X0…: S = their sum, and Y<i>i</i> = X<i>i</i> (more tensors per run
    /// than the binding keeps on the stack or pins with fixed statements).
    /// </summary>
    public static byte[] Wide(int count)
    {
        var builder = new OnnxModelBuilder("wide");
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            builder.AddInput($"X{i}", OnnxElementType.Float, 2);
            names.Add($"X{i}");
        }

        builder.AddNode("Sum", names, ["S"]).AddOutput("S", OnnxElementType.Float, 2);
        for (var i = 0; i < count; i++)
        {
            builder.AddNode("Identity", [$"X{i}"], [$"Y{i}"]).AddOutput($"Y{i}", OnnxElementType.Float, 2);
        }

        return builder.ToBytes();
    }
}

using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Graph;

namespace VoiceFleet.Bench.Onnx;

/// <summary>The benchmark's models, written with the project's own model builder (the same bytes every time).</summary>
internal static class BenchModels
{
    /// <summary>Elements in the Add model's tensors: [1, 256] floats.</summary>
    public const int AddWidth = 256;

    /// <summary>Hidden width of the medium model.</summary>
    public const int MediumHidden = 1024;

    /// <summary>Writes add.onnx and medium.onnx into <paramref name="directory"/>.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "add.onnx"), Add());
        File.WriteAllBytes(Path.Combine(directory, "medium.onnx"), Medium());
    }

    /// <summary>C = A + B, all float [1, 256]: the per-call overhead model (one node, static shapes).</summary>
    public static byte[] Add() =>
        new OnnxModelBuilder("bench_add", producerName: "voicefleet-bench")
            .AddInput("A", OnnxElementType.Float, 1, AddWidth)
            .AddInput("B", OnnxElementType.Float, 1, AddWidth)
            .AddNode("Add", ["A", "B"], ["C"])
            .AddOutput("C", OnnxElementType.Float, 1, AddWidth)
            .ToBytes();

    /// <summary>
    /// Y = relu(relu(X·W1)·W2)·W3 with X [1, 256], W1 [256, 1024], W2 [1024, 1024], W3 [1024, 256]: 1.5 M float
    /// weights (6 MiB of initializers), a stand-in for a small voice model when measuring memory per session.
    /// </summary>
    public static byte[] Medium()
    {
        var random = new Random(20261121);
        return new OnnxModelBuilder("bench_medium", producerName: "voicefleet-bench")
            .AddInput("X", OnnxElementType.Float, 1, AddWidth)
            .AddInitializer("W1", Weights(random, AddWidth * MediumHidden), AddWidth, MediumHidden)
            .AddInitializer("W2", Weights(random, MediumHidden * MediumHidden), MediumHidden, MediumHidden)
            .AddInitializer("W3", Weights(random, MediumHidden * AddWidth), MediumHidden, AddWidth)
            .AddNode("MatMul", ["X", "W1"], ["h1"])
            .AddNode("Relu", ["h1"], ["r1"])
            .AddNode("MatMul", ["r1", "W2"], ["h2"])
            .AddNode("Relu", ["h2"], ["r2"])
            .AddNode("MatMul", ["r2", "W3"], ["Y"])
            .AddOutput("Y", OnnxElementType.Float, 1, AddWidth)
            .ToBytes();
    }

    private static float[] Weights(Random random, int count)
    {
        var weights = new float[count];
        for (var i = 0; i < count; i++)
        {
            weights[i] = (float)(random.NextDouble() - 0.5) * 0.05f;
        }

        return weights;
    }
}

using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Graph;

namespace VoiceFleet.Models.Tests.Support;

/// <summary>Tiny real ONNX models with the signatures of voices and encoders, written with the project's own builder.</summary>
public static class TestModels
{
    /// <summary>Samples per phoneme in the Piper-shaped model.</summary>
    public const int SamplesPerPhoneme = 4;

    /// <summary>
    /// A Piper-shaped model: <c>input</c> int64 [1, phonemes], <c>input_lengths</c> int64 [1], <c>scales</c> float32 [3],
    /// with <paramref name="multiSpeaker"/> <c>sid</c> int64 [1]; <c>output</c> float32 of rank
    /// <paramref name="outputRank"/> (3: [1, 1, samples]). Each phoneme id becomes 4 samples of
    /// id × (sum of the scales) + sid, tiled: for ids [a, b] the samples are a', b', a', b', … (4 times).
    /// </summary>
    public static byte[] PiperShaped(int outputRank = 3, bool multiSpeaker = false, string outputName = "output")
    {
        var b = new OnnxModelBuilder("piper")
            .AddInput("input", OnnxElementType.Int64, 1, "phonemes")
            .AddInput("input_lengths", OnnxElementType.Int64, 1)
            .AddInput("scales", OnnxElementType.Float, 3);
        if (multiSpeaker)
        {
            b.AddInput("sid", OnnxElementType.Int64, 1);
        }

        b.AddNode("Cast", ["input"], ["ids"], OnnxAttribute.Int("to", (long)OnnxElementType.Float))
            .AddNode("ReduceSum", ["scales"], ["scale_sum"], OnnxAttribute.Int("keepdims", 0))
            .AddNode("Mul", ["ids", "scale_sum"], ["scaled"]);
        var last = "scaled";
        if (multiSpeaker)
        {
            b.AddNode("Cast", ["sid"], ["sid_f"], OnnxAttribute.Int("to", (long)OnnxElementType.Float))
                .AddNode("Add", ["scaled", "sid_f"], ["voiced"]);
            last = "voiced";
        }

        switch (outputRank)
        {
            case 1:
                b.AddInitializer("flat", [-1L], 1)
                    .AddNode("Reshape", [last, "flat"], ["row"])
                    .AddInitializer("repeats", [(long)SamplesPerPhoneme], 1)
                    .AddNode("Tile", ["row", "repeats"], [outputName])
                    .AddOutput(outputName, OnnxElementType.Float, "samples");
                break;
            case 2:
                b.AddInitializer("repeats", [1L, SamplesPerPhoneme], 2)
                    .AddNode("Tile", [last, "repeats"], [outputName])
                    .AddOutput(outputName, OnnxElementType.Float, 1, "samples");
                break;
            default:
                var axes = Enumerable.Range(1, outputRank - 2).Select(a => (long)a).ToArray();
                var repeats = Enumerable.Repeat(1L, outputRank - 1).Append(SamplesPerPhoneme).ToArray();
                b.AddInitializer("axes", axes, axes.Length)
                    .AddNode("Unsqueeze", [last, "axes"], ["lifted"])
                    .AddInitializer("repeats", repeats, repeats.Length)
                    .AddNode("Tile", ["lifted", "repeats"], [outputName])
                    .AddOutput(outputName, OnnxElementType.Float, [.. Enumerable.Repeat<OnnxDim>(1, outputRank - 1), "samples"]);
                break;
        }

        return b.ToBytes();
    }

    /// <summary>
    /// The end-to-end model of <see cref="Manifests.EndToEnd"/>: input, input_lengths, scales, speaker [batch, 4],
    /// emotion [batch, 3], seed → output [batch, 1, samples]; each id becomes 2 samples of id + Σspeaker + Σemotion.
    /// </summary>
    public static byte[] EndToEnd() =>
        new OnnxModelBuilder("e2e")
            .AddInput("input", OnnxElementType.Int64, "batch", "phonemes")
            .AddInput("input_lengths", OnnxElementType.Int64, "batch")
            .AddInput("scales", OnnxElementType.Float, 3)
            .AddInput("speaker", OnnxElementType.Float, "batch", 4)
            .AddInput("emotion", OnnxElementType.Float, "batch", 3)
            .AddInput("seed", OnnxElementType.Int64, "batch")
            .AddInitializer("axis1", [1L], 1)
            .AddNode("Cast", ["input"], ["ids"], OnnxAttribute.Int("to", (long)OnnxElementType.Float))
            .AddNode("ReduceSum", ["speaker", "axis1"], ["s"])
            .AddNode("ReduceSum", ["emotion", "axis1"], ["e"])
            .AddNode("Add", ["ids", "s"], ["ids_s"])
            .AddNode("Add", ["ids_s", "e"], ["ids_se"])
            .AddNode("Unsqueeze", ["ids_se", "axis1"], ["lifted"])
            .AddInitializer("repeats", [1L, 1L, 2L], 3)
            .AddNode("Tile", ["lifted", "repeats"], ["output"])
            .AddOutput("output", OnnxElementType.Float, "batch", 1, "samples")
            .ToBytes();

    /// <summary>Acoustic model: input int64 [batch, phonemes] → mel float32 [batch, 4, frames] (each id repeated over the 4 bins).</summary>
    public static byte[] Acoustic() =>
        new OnnxModelBuilder("acoustic")
            .AddInput("input", OnnxElementType.Int64, "batch", "phonemes")
            .AddInitializer("axis1", [1L], 1)
            .AddNode("Cast", ["input"], ["ids"], OnnxAttribute.Int("to", (long)OnnxElementType.Float))
            .AddNode("Unsqueeze", ["ids", "axis1"], ["lifted"])
            .AddInitializer("repeats", [1L, 4L, 1L], 3)
            .AddNode("Tile", ["lifted", "repeats"], ["mel"])
            .AddOutput("mel", OnnxElementType.Float, "batch", 4, "frames")
            .ToBytes();

    /// <summary>Vocoder: mel float32 [batch, 4, frames] → audio float32 [batch, samples] (the sum over bins).</summary>
    public static byte[] Vocoder() =>
        new OnnxModelBuilder("vocoder")
            .AddInput("mel", OnnxElementType.Float, "batch", 4, "frames")
            .AddInitializer("axis1", [1L], 1)
            .AddNode("ReduceSum", ["mel", "axis1"], ["audio"], OnnxAttribute.Int("keepdims", 0))
            .AddOutput("audio", OnnxElementType.Float, "batch", "samples")
            .ToBytes();

    /// <summary>
    /// Encoder: features float32 [batch, frames, 4] → embedding [batch, <paramref name="embeddingSize"/>] (and, with
    /// <paramref name="labels"/> above 0, logits [batch, labels]) by a mean over frames and a matrix product.
    /// </summary>
    public static byte[] Encoder(int embeddingSize, int labels = 0)
    {
        var b = new OnnxModelBuilder("encoder")
            .AddInput("features", OnnxElementType.Float, "batch", "frames", 4)
            .AddInitializer("axis1", [1L], 1)
            .AddNode("ReduceSum", ["features", "axis1"], ["pooled"], OnnxAttribute.Int("keepdims", 0))
            .AddInitializer("w", Enumerable.Range(0, 4 * embeddingSize).Select(i => i * 0.01f).ToArray(), 4, embeddingSize)
            .AddNode("MatMul", ["pooled", "w"], ["embedding"])
            .AddOutput("embedding", OnnxElementType.Float, "batch", embeddingSize);
        if (labels > 0)
        {
            b.AddInitializer("w_logits", Enumerable.Range(0, 4 * labels).Select(i => i * 0.1f).ToArray(), 4, labels)
                .AddNode("MatMul", ["pooled", "w_logits"], ["logits"])
                .AddOutput("logits", OnnxElementType.Float, "batch", labels);
        }

        return b.ToBytes();
    }
}

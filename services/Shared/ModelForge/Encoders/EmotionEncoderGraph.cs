using VoiceFleet.ModelForge.Graph;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Onnx;

namespace VoiceFleet.ModelForge.Encoders;

/// <summary>
/// The forged emotion encoder: fbank frames [B, T, 80] → 7-class logits [B, 7] (neutral, happy, sad, angry,
/// surprised, fearful, disgusted) and an emotion embedding [B, 8] in the space the forged voices are conditioned
/// on — strength × prototype, mixtures as weighted sums — so a clip's emotion can be re-spoken. Nine pooled prosody statistics
/// are standardised and expanded with their pairwise products; a calibrated multinomial logistic layer gives the
/// logits and a calibrated ridge read-out the embedding.
/// </summary>
internal static class EmotionEncoderGraph
{
    public const string Version = "v1";

    /// <summary>The statistics-only graph used while calibrating: feats → prosody [B, 9].</summary>
    public static byte[] StatisticsOnly()
    {
        var g = new GraphWriter("forge_emotion_statistics", Version);
        var feats = FeatureStatistics.DeclareInput(g);
        g.OpNamed("prosody", "Identity", [FeatureStatistics.ProsodyStatistics(g, feats)]);
        g.Model.AddOutput("prosody", OnnxElementType.Float, "batch", FeatureStatistics.ProsodyNames.Length);
        return g.Model.ToBytes();
    }

    /// <summary>Features after the quadratic expansion: the n standardised statistics and their n(n+1)/2 products.</summary>
    public static int ExpandedLength(int features) => features + (features * (features + 1) / 2);

    /// <summary>The expansion in C#, identical in order to the graph's.</summary>
    public static double[] Expand(double[] z)
    {
        var expanded = new List<double>(z);
        for (var i = 0; i < z.Length; i++)
        {
            for (var j = i; j < z.Length; j++)
            {
                expanded.Add(z[i] * z[j]);
            }
        }

        return [.. expanded];
    }

    /// <summary>[n² × n(n+1)/2]: picks the upper triangle (row-major) out of a flattened outer product.</summary>
    private static float[] PairSelection(int n)
    {
        var pairs = n * (n + 1) / 2;
        var selection = new float[n * n * pairs];
        var column = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                selection[(((i * n) + j) * pairs) + column] = 1f;
                column++;
            }
        }

        return selection;
    }

    public static byte[] Build(EmotionCalibration calibration)
    {
        var features = FeatureStatistics.ProsodyNames.Length;
        var labels = EmotionSpace.Labels.Length;
        var g = new GraphWriter("forge_emotion_encoder", Version);
        var feats = FeatureStatistics.DeclareInput(g);
        var prosody = FeatureStatistics.ProsodyStatistics(g, feats);
        var z = g.Div(g.Sub(prosody, g.Constant("prosody_mean", calibration.Mean, features)), g.Constant("prosody_scale", calibration.Scale, features));

        // Quadratic expansion: z, then every product z_i × z_j (i ≤ j), as the classifier was fitted on.
        var outer = g.Reshape(g.Mul(g.Unsqueeze(z, 2), g.Unsqueeze(z, 1)), 0, features * features);
        var pairs = g.MatMul(outer, g.Constant("pair_selection", PairSelection(features), features * features, ExpandedLength(features) - features));
        var expanded = g.Concat(1, z, pairs);
        var logits = g.Add(g.MatMul(expanded, g.Constant("classifier", calibration.Weights, ExpandedLength(features), labels)), g.Constant("classifier_bias", calibration.Bias, labels));
        g.OpNamed("logits", "Identity", [logits]);
        var embedding = g.Add(
            g.MatMul(expanded, g.Constant("embedding_readout", calibration.EmbeddingWeights, ExpandedLength(features), EmotionSpace.Dimension)),
            g.Constant("embedding_bias", calibration.EmbeddingBias, EmotionSpace.Dimension));
        g.OpNamed("embedding", "Identity", [embedding]);
        g.Model.AddOutput("embedding", OnnxElementType.Float, "batch", EmotionSpace.Dimension);
        g.Model.AddOutput("logits", OnnxElementType.Float, "batch", labels);
        g.Model
            .AddMetadata("voicefleet.forge.version", Version)
            .AddMetadata("voicefleet.forge.labels", string.Join(',', EmotionSpace.Labels))
            .AddMetadata("voicefleet.forge.calibration", calibration.Summary)
            .WithDocString("Forged emotion encoder: fbank [B, T, 80] -> embedding [B, 8] and logits [B, 7]");
        return g.Model.ToBytes();
    }
}

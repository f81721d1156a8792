using VoiceFleet.ModelForge.Graph;
using VoiceFleet.ModelForge.Numerics;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Onnx;

namespace VoiceFleet.ModelForge.Encoders;

/// <summary>
/// The forged speaker encoder: fbank frames [B, T, 80] → a 192-d L2-normalised embedding [B, 192] in the
/// <see cref="SpeakerSpace"/> form. Pooled spectrum statistics are standardised; calibrated linear maps read
/// the timbre code (pitch, formant scale, tilt) off them, and a fixed smooth random map of that estimated code,
/// kept orthogonal to the code directions, fills the rest of the unit norm: similar voices get nearby
/// embeddings, and the same voice gets the same embedding whatever it says.
/// </summary>
internal static class SpeakerEncoderGraph
{
    public const string Version = "v1";

    /// <summary>The statistics-only graph used while calibrating: feats → stats [B, 160].</summary>
    public static byte[] StatisticsOnly()
    {
        var g = new GraphWriter("forge_speaker_statistics", Version);
        var feats = FeatureStatistics.DeclareInput(g);
        g.OpNamed("stats", "Identity", [FeatureStatistics.SpeakerStatistics(g, feats)]);
        g.Model.AddOutput("stats", OnnxElementType.Float, "batch", FeatureStatistics.SpeakerLength);
        return g.Model.ToBytes();
    }

    public static byte[] Build(SpeakerCalibration calibration)
    {
        var g = new GraphWriter("forge_speaker_encoder", Version);
        var feats = FeatureStatistics.DeclareInput(g);
        var stats = FeatureStatistics.SpeakerStatistics(g, feats);
        var z = g.Div(
            g.Sub(stats, g.Constant("stats_mean", calibration.Mean, FeatureStatistics.SpeakerLength)),
            g.Constant("stats_scale", calibration.Scale, FeatureStatistics.SpeakerLength));

        // The code part: calibrated read-out, clipped, its norm kept at or below the space's maximum.
        var code = g.Add(g.MatMul(z, g.Constant("code_readout", calibration.CodeWeights, FeatureStatistics.SpeakerLength, SpeakerSpace.CodeLength)), g.Constant("code_bias", calibration.CodeBias, SpeakerSpace.CodeLength));
        var scaled = g.Mul(g.Clip(code, -1.5f, 1.5f), g.Scalar(SpeakerSpace.CodeScale));
        var norm = g.Sqrt(g.Add(g.ReduceSumSquare(scaled, 1, keepDims: true), g.Scalar(1e-12f)));
        var shrink = g.Min(g.Div(g.Scalar(SpeakerSpace.MaxCodeNorm), norm), g.Scalar(1f));
        scaled = g.Mul(scaled, shrink);
        var codePart = g.MatMul(scaled, g.Constant("code_directions", Directions(), SpeakerSpace.CodeLength, SpeakerSpace.Dimension));

        // The identity part: a smooth random map of the estimated code (tanh of a random expansion), projected
        // off the code directions, unit length, scaled to fill the remaining norm.
        var expanded = g.Tanh(g.Add(g.MatMul(g.Clip(code, -1.5f, 1.5f), g.Constant("identity_expansion", IdentityExpansion, SpeakerSpace.CodeLength, IdentityWidth)), g.Constant("identity_offsets", IdentityOffsets, IdentityWidth)));
        var identity = g.L2Normalize(g.MatMul(expanded, g.Constant("identity_projection", IdentityProjection, IdentityWidth, SpeakerSpace.Dimension)), 1);
        var rest = g.Sqrt(g.Max(g.Sub(g.Scalar(1f), g.ReduceSumSquare(scaled, 1, keepDims: true)), g.Scalar(0f)));
        var embedding = g.L2Normalize(g.Add(codePart, g.Mul(identity, rest)), 1);
        g.OpNamed("embs", "Identity", [embedding]);
        g.Model.AddOutput("embs", OnnxElementType.Float, "batch", SpeakerSpace.Dimension);
        g.Model
            .AddMetadata("voicefleet.forge.version", Version)
            .AddMetadata("voicefleet.forge.calibration", calibration.Summary)
            .WithDocString("Forged speaker encoder: fbank [B, T, 80] -> L2-normalised embedding [B, 192]");
        return g.Model.ToBytes();
    }

    private const int IdentityWidth = 32;

    private static readonly float[] IdentityExpansion = Gaussian(0x1DE7, SpeakerSpace.CodeLength * IdentityWidth, 1.2);

    private static readonly float[] IdentityOffsets = Gaussian(0x1DE8, IdentityWidth, 0.5);

    private static readonly float[] IdentityProjection = ProjectedOffCode(Gaussian(0x1DE9, IdentityWidth * SpeakerSpace.Dimension, 1.0), IdentityWidth);

    private static float[] Gaussian(ulong seed, int count, double scale)
    {
        var random = new ForgeRandom(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextGaussian() * scale))];
    }

    /// <summary>Removes the code directions from each of the <paramref name="rows"/> rows of a [rows × 192] matrix.</summary>
    private static float[] ProjectedOffCode(float[] matrix, int rows)
    {
        var row = new double[SpeakerSpace.Dimension];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = matrix[(r * SpeakerSpace.Dimension) + j];
            }

            foreach (var direction in SpeakerSpace.CodeDirections)
            {
                var dot = Orthonormal.Dot(row, direction);
                for (var j = 0; j < row.Length; j++)
                {
                    row[j] -= dot * direction[j];
                }
            }

            for (var j = 0; j < row.Length; j++)
            {
                matrix[(r * SpeakerSpace.Dimension) + j] = (float)row[j];
            }
        }

        return matrix;
    }

    private static float[] Directions() =>
        [.. SpeakerSpace.CodeDirections.SelectMany(direction => direction.Select(v => (float)v))];
}

using VoiceFleet.ModelForge.Numerics;

namespace VoiceFleet.ModelForge.Voice;

/// <summary>
/// The emotion space the forged voices are conditioned on: an 8-dimensional embedding in which
/// neutral is the origin and every other label has a unit prototype (orthonormal, so mixtures and
/// strengths combine linearly). The voice reads seven prosody controls off the embedding:
/// controls = Σ_label (embedding · prototype_label) × deltas_label.
/// </summary>
internal static class EmotionSpace
{
    public const int Dimension = 8;

    /// <summary>The labels in logit order.</summary>
    public static readonly string[] Labels = ["neutral", "happy", "sad", "angry", "surprised", "fearful", "disgusted"];

    /// <summary>The prosody controls, in the column order of <see cref="ControlMatrix"/>.</summary>
    public static readonly string[] Controls =
        ["pitchShiftSemitones", "pitchRangeLog", "energyDb", "tempoLog", "tiltDb", "tremorSemitones", "breathiness"];

    // What full strength of each label does to the voice, in Controls order.
    private static readonly float[][] Deltas =
    [
        [0, 0, 0, 0, 0, 0, 0],                          // neutral
        [3.0f, 0.45f, 3.0f, 0.10f, 2.0f, 0, 0],          // happy: higher, livelier, louder, brighter
        [-3.0f, -0.7f, -6.0f, -0.25f, -4.0f, 0, 0.3f],   // sad: lower, flatter, quieter, slower, darker
        [1.0f, 0.1f, 7.0f, 0.15f, 6.0f, 0.05f, 0],       // angry: loud and bright
        [6.0f, 0.8f, 1.0f, -0.1f, 0, 0, 0.1f],           // surprised: very high with a wide range, unhurried
        [3.0f, -0.35f, -2.0f, 0.28f, 0, 0.8f, 0.5f],     // fearful: high, trembling, breathy, fast
        [-2.0f, -0.1f, 1.0f, -0.2f, -1.0f, 0, 0.55f],    // disgusted: low, slow, breathy
    ];

    private static readonly double[][] Basis = Orthonormal.Basis(Labels.Length - 1, Dimension, seed: 0xE40710);

    /// <summary>The unit prototype of a label (all zeros for neutral).</summary>
    public static float[] Prototype(int label)
    {
        var prototype = new float[Dimension];
        if (label > 0)
        {
            for (var j = 0; j < Dimension; j++)
            {
                prototype[j] = (float)Basis[label - 1][j];
            }
        }

        return prototype;
    }

    /// <summary>[labels × Dimension], row-major: every label's prototype.</summary>
    public static float[] PrototypeMatrix() => Enumerable.Range(0, Labels.Length).SelectMany(Prototype).ToArray();

    /// <summary>The [Dimension × controls] matrix the voice multiplies the embedding by.</summary>
    public static float[] ControlMatrix()
    {
        var matrix = new double[Dimension * Controls.Length];
        for (var label = 1; label < Labels.Length; label++)
        {
            for (var j = 0; j < Dimension; j++)
            {
                for (var c = 0; c < Controls.Length; c++)
                {
                    matrix[(j * Controls.Length) + c] += Basis[label - 1][j] * Deltas[label][c];
                }
            }
        }

        return [.. matrix.Select(v => (float)v)];
    }

    /// <summary>The prosody deltas of a label at full strength (for tests and docs).</summary>
    public static IReadOnlyList<float> DeltasOf(int label) => Deltas[label];
}

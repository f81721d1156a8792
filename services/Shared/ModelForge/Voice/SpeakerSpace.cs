using VoiceFleet.ModelForge.Numerics;

namespace VoiceFleet.ModelForge.Voice;

/// <summary>
/// The speaker space: 192-dimensional unit embeddings. Three fixed orthonormal directions carry a
/// speaker's timbre code — pitch, formant scale (vocal tract length) and spectral tilt, each about
/// −1…1 — scaled by <see cref="CodeScale"/>; the rest of the unit norm is a random identity direction
/// orthogonal to them. The voice reads the code back as (directions · embedding) / CodeScale, and the
/// speaker encoder writes embeddings of the same form, so a cloned voice keeps the reference's timbre.
/// </summary>
internal static class SpeakerSpace
{
    public const int Dimension = 192;

    /// <summary>The number of timbre code components.</summary>
    public const int CodeLength = 3;

    /// <summary>How much of the unit norm the code may take: |code| × CodeScale ≤ <see cref="MaxCodeNorm"/>.</summary>
    public const float CodeScale = 0.45f;

    public const float MaxCodeNorm = 0.92f;

    private static readonly double[][] Directions = Orthonormal.Basis(CodeLength, Dimension, seed: 0x5BEA4E2);

    /// <summary>The preset speakers every forged voice offers, with their timbre codes (pitch, formant, tilt).</summary>
    public static readonly (string Name, float[] Code)[] Presets =
    [
        ("ava", [0.85f, 0.55f, 0.3f]),
        ("ben", [-0.8f, -0.55f, -0.25f]),
        ("chen", [0.3f, -0.3f, 0.7f]),
        ("dana", [0.55f, 0.85f, -0.45f]),
        ("eli", [-0.45f, 0.35f, -0.75f]),
    ];

    /// <summary>The [Dimension × CodeLength] matrix whose columns are the code directions, divided by CodeScale.</summary>
    public static float[] ReadoutMatrix()
    {
        var matrix = new float[Dimension * CodeLength];
        for (var j = 0; j < Dimension; j++)
        {
            for (var c = 0; c < CodeLength; c++)
            {
                matrix[(j * CodeLength) + c] = (float)(Directions[c][j] / CodeScale);
            }
        }

        return matrix;
    }

    /// <summary>The code directions (rows), for the speaker encoder.</summary>
    public static IReadOnlyList<double[]> CodeDirections => Directions;

    /// <summary>A unit embedding with the given code and a random identity direction drawn from <paramref name="identitySeed"/>.</summary>
    public static float[] Embed(ReadOnlySpan<float> code, ulong identitySeed)
    {
        var random = new ForgeRandom(identitySeed);
        var identity = Orthonormal.NextOrthogonal(random, Dimension, Directions);
        var scaled = new double[CodeLength];
        var norm2 = 0.0;
        for (var c = 0; c < CodeLength; c++)
        {
            scaled[c] = code[c] * CodeScale;
            norm2 += scaled[c] * scaled[c];
        }

        if (norm2 > MaxCodeNorm * MaxCodeNorm)
        {
            var shrink = MaxCodeNorm / Math.Sqrt(norm2);
            for (var c = 0; c < CodeLength; c++)
            {
                scaled[c] *= shrink;
            }

            norm2 = MaxCodeNorm * MaxCodeNorm;
        }

        var rest = Math.Sqrt(1 - norm2);
        var embedding = new float[Dimension];
        for (var j = 0; j < Dimension; j++)
        {
            var value = rest * identity[j];
            for (var c = 0; c < CodeLength; c++)
            {
                value += scaled[c] * Directions[c][j];
            }

            embedding[j] = (float)value;
        }

        return embedding;
    }

    /// <summary>The embedding of a preset speaker.</summary>
    public static float[] PresetEmbedding(int index) => Embed(Presets[index].Code, 0x5EED0000UL + (ulong)index);
}

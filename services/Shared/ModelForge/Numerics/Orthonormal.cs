namespace VoiceFleet.ModelForge.Numerics;

/// <summary>Deterministic orthonormal vectors (Gram–Schmidt over seeded Gaussian draws, in double precision).</summary>
internal static class Orthonormal
{
    /// <summary><paramref name="count"/> orthonormal vectors of length <paramref name="dimension"/>.</summary>
    public static double[][] Basis(int count, int dimension, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, dimension);
        var random = new ForgeRandom(seed);
        var basis = new double[count][];
        for (var i = 0; i < count; i++)
        {
            basis[i] = NextOrthogonal(random, dimension, basis.AsSpan(0, i));
        }

        return basis;
    }

    /// <summary>A random unit vector orthogonal to every vector in <paramref name="against"/>.</summary>
    public static double[] NextOrthogonal(ForgeRandom random, int dimension, ReadOnlySpan<double[]> against)
    {
        while (true)
        {
            var v = new double[dimension];
            for (var j = 0; j < dimension; j++)
            {
                v[j] = random.NextGaussian();
            }

            // Twice, for numerical orthogonality.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var u in against)
                {
                    var dot = Dot(v, u);
                    for (var j = 0; j < dimension; j++)
                    {
                        v[j] -= dot * u[j];
                    }
                }
            }

            var norm = Math.Sqrt(Dot(v, v));
            if (norm > 1e-6)
            {
                for (var j = 0; j < dimension; j++)
                {
                    v[j] /= norm;
                }

                return v;
            }
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

namespace VoiceFleet.Encoders.Embeddings;

/// <summary>Small vector helpers for embeddings and distributions.</summary>
internal static class VectorMath
{
    /// <summary>A copy scaled to unit length (zeros stay zeros).</summary>
    public static float[] Normalize(ReadOnlySpan<float> values)
    {
        var norm = Norm(values);
        var result = values.ToArray();
        if (norm > 0)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = (float)(result[i] / norm);
            }
        }

        return result;
    }

    public static double Norm(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum);
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var denominator = Norm(a) * Norm(b);
        return denominator == 0 ? 0 : Dot(a, b) / denominator;
    }

    /// <summary>The softmax of <paramref name="logits"/>.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        var result = new float[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = Math.Exp(logits[i] - max);
            result[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(result[i] / sum);
        }

        return result;
    }

    /// <summary>Index of the largest value (the first of ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}

namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>
/// The Mann–Whitney U test, one-sided (is the canary stochastically larger than stable?), with the
/// normal approximation, tie correction and continuity correction. Works on grouped data: histogram
/// buckets are ordered categories, each a group of tied ranks.
/// </summary>
internal static class MannWhitney
{
    /// <summary>The result: U of the canary, the z score and the one-sided p-value.</summary>
    internal readonly record struct Result(double U, double Z, double P, double CanaryCount, double StableCount);

    /// <summary>Tests grouped counts; <paramref name="groups"/> ascending by value.</summary>
    public static Result Test(IReadOnlyList<(double Canary, double Stable)> groups)
    {
        var n1 = groups.Sum(g => g.Canary);
        var n2 = groups.Sum(g => g.Stable);
        var n = n1 + n2;
        if (n1 <= 0 || n2 <= 0)
        {
            return new Result(double.NaN, double.NaN, double.NaN, n1, n2);
        }

        double u = 0, stableBelow = 0, ties = 0;
        foreach (var (canary, stable) in groups)
        {
            u += canary * (stableBelow + (0.5 * stable));
            stableBelow += stable;
            var t = canary + stable;
            ties += (t * t * t) - t;
        }

        var mean = n1 * n2 / 2;
        var variance = n1 * n2 / 12 * ((n + 1) - (ties / (n * (n - 1))));
        if (variance <= 0)
        {
            return new Result(u, 0, 0.5, n1, n2);
        }

        var z = (u - mean - 0.5) / Math.Sqrt(variance);
        return new Result(u, z, UpperTail(z), n1, n2);
    }

    /// <summary>Tests raw samples (each distinct value a group).</summary>
    public static Result Test(IEnumerable<double> canary, IEnumerable<double> stable)
    {
        var groups = canary.Select(v => (v, 1.0, 0.0)).Concat(stable.Select(v => (v, 0.0, 1.0)))
            .GroupBy(x => x.v)
            .OrderBy(g => g.Key)
            .Select(g => (g.Sum(x => x.Item2), g.Sum(x => x.Item3)))
            .ToArray();
        return Test(groups);
    }

    /// <summary>P(Z &gt; z) of the standard normal.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    // Numerical Recipes' Chebyshev fit of erfc, fractional error below 1.2e-7 everywhere.
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            poly = c[i] + (t * poly);
        }

        var ans = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? ans : 2 - ans;
    }
}

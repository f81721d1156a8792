namespace VoiceFleet.Audio.Watermarking;

/// <summary>The standard normal distribution's tail, to about 1e-10 relative, far into the tail.</summary>
internal static class NormalTail
{
    private const double Sqrt2 = 1.4142135623730951;
    private const double InverseSqrtPi = 0.5641895835477563;

    /// <summary>Q(z) = P(Z ≥ z) for a standard normal Z.</summary>
    public static double Upper(double z) => z >= 0 ? 0.5 * Erfc(z / Sqrt2) : 1 - 0.5 * Erfc(-z / Sqrt2);

    /// <summary>Φ(z) = P(Z ≤ z).</summary>
    public static double Cdf(double z) => Upper(-z);

    // erfc(x) for x ≥ 0: the Maclaurin series of erf below 2.5, the continued fraction (modified Lentz) above.
    private static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 2.5)
        {
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }

            return 1 - 2 * InverseSqrtPi * sum;
        }

        if (x > 27)
        {
            return 0;
        }

        // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))).
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) * InverseSqrtPi / f;
    }
}

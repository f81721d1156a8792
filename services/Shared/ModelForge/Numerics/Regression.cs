namespace VoiceFleet.ModelForge.Numerics;

/// <summary>The two fits the encoders are calibrated with, in double precision and fully deterministic.</summary>
internal static class Regression
{
    /// <summary>
    /// Ridge regression of targets Y [n × k] on standardised inputs X [n × d] (zero-mean columns):
    /// W = (XᵀX + λI)⁻¹ XᵀY, bias = mean of Y. Returns W as [d × k] row-major.
    /// </summary>
    public static (double[] Weights, double[] Bias) Ridge(double[][] x, double[][] y, double lambda)
    {
        var n = x.Length;
        var d = x[0].Length;
        var k = y[0].Length;
        var bias = new double[k];
        foreach (var row in y)
        {
            for (var j = 0; j < k; j++)
            {
                bias[j] += row[j] / n;
            }
        }

        var gram = new double[d, d];
        var cross = new double[d, k];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < d; a++)
            {
                var xa = x[i][a];
                for (var b = 0; b < d; b++)
                {
                    gram[a, b] += xa * x[i][b];
                }

                for (var j = 0; j < k; j++)
                {
                    cross[a, j] += xa * (y[i][j] - bias[j]);
                }
            }
        }

        for (var a = 0; a < d; a++)
        {
            gram[a, a] += lambda;
        }

        var weights = SolveSymmetric(gram, cross);
        return (weights, bias);
    }

    /// <summary>
    /// Multinomial logistic regression by full-batch gradient descent with L2 decay. Returns weights [d × c]
    /// row-major, biases [c] and the training accuracy.
    /// </summary>
    public static (double[] Weights, double[] Bias, double Accuracy) Softmax(double[][] x, int[] labels, int classes, int iterations, double rate, double decay)
    {
        var n = x.Length;
        var d = x[0].Length;
        var w = new double[d * classes];
        var b = new double[classes];
        var p = new double[classes];
        for (var step = 0; step < iterations; step++)
        {
            var gw = new double[d * classes];
            var gb = new double[classes];
            for (var i = 0; i < n; i++)
            {
                Probabilities(x[i], w, b, p);
                for (var c = 0; c < classes; c++)
                {
                    var error = p[c] - (labels[i] == c ? 1 : 0);
                    gb[c] += error / n;
                    for (var a = 0; a < d; a++)
                    {
                        gw[(a * classes) + c] += error * x[i][a] / n;
                    }
                }
            }

            for (var j = 0; j < w.Length; j++)
            {
                w[j] -= rate * (gw[j] + (decay * w[j]));
            }

            for (var c = 0; c < classes; c++)
            {
                b[c] -= rate * gb[c];
            }
        }

        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            Probabilities(x[i], w, b, p);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (p[c] > p[best])
                {
                    best = c;
                }
            }

            correct += best == labels[i] ? 1 : 0;
        }

        return (w, b, (double)correct / n);
    }

    private static void Probabilities(double[] x, double[] w, double[] b, double[] p)
    {
        var classes = b.Length;
        var max = double.NegativeInfinity;
        for (var c = 0; c < classes; c++)
        {
            var z = b[c];
            for (var a = 0; a < x.Length; a++)
            {
                z += x[a] * w[(a * classes) + c];
            }

            p[c] = z;
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        for (var c = 0; c < classes; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            sum += p[c];
        }

        for (var c = 0; c < classes; c++)
        {
            p[c] /= sum;
        }
    }

    /// <summary>Solves A X = B for symmetric positive definite A by Cholesky; returns X [d × k] row-major.</summary>
    private static double[] SolveSymmetric(double[,] a, double[,] rhs)
    {
        var d = a.GetLength(0);
        var k = rhs.GetLength(1);
        var l = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var m = 0; m < j; m++)
                {
                    sum -= l[i, m] * l[j, m];
                }

                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j, j];
            }
        }

        var x = new double[d * k];
        for (var c = 0; c < k; c++)
        {
            var y = new double[d];
            for (var i = 0; i < d; i++)
            {
                var sum = rhs[i, c];
                for (var m = 0; m < i; m++)
                {
                    sum -= l[i, m] * y[m];
                }

                y[i] = sum / l[i, i];
            }

            for (var i = d - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var m = i + 1; m < d; m++)
                {
                    sum -= l[m, i] * x[(m * k) + c];
                }

                x[(i * k) + c] = sum / l[i, i];
            }
        }

        return x;
    }
}

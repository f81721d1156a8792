using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Tests.Dsp;

public sealed class FftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(1024)]
    public void Forward_MatchesDirectDft(int n)
    {
        var random = new Random(n);
        double[] re = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] im = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        (double[] expectedRe, double[] expectedIm) = DirectDft(re, im);

        Fft.Forward(re, im);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expectedRe[k], re[k], 1e-9);
            Assert.Equal(expectedIm[k], im[k], 1e-9);
        }
    }

    [Fact]
    public void Inverse_UndoesForward()
    {
        var random = new Random(7);
        double[] re = Enumerable.Range(0, 256).Select(_ => random.NextDouble()).ToArray();
        double[] im = Enumerable.Range(0, 256).Select(_ => random.NextDouble()).ToArray();
        double[] re0 = (double[])re.Clone(), im0 = (double[])im.Clone();

        Fft.Forward(re, im);
        Fft.Inverse(re, im);

        for (int i = 0; i < re.Length; i++)
        {
            Assert.Equal(re0[i], re[i], 1e-12);
            Assert.Equal(im0[i], im[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(512)]
    [InlineData(4096)]
    public void PowerSpectrum_MatchesDirectDft(int n)
    {
        var random = new Random(n + 1);
        float[] frame = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        (double[] re, double[] im) = DirectDft(frame.Select(v => (double)v).ToArray(), new double[n]);
        var power = new float[n / 2 + 1];

        Fft.PowerSpectrum(frame, power);

        for (int k = 0; k <= n / 2; k++)
        {
            double expected = re[k] * re[k] + im[k] * im[k];
            Assert.True(Math.Abs(expected - power[k]) <= 1e-5 * Math.Max(1, expected), $"bin {k}: {power[k]} vs {expected}");
        }
    }

    [Fact]
    public void PowerSpectrum_SineOnABin_PutsAllPowerThere()
    {
        const int n = 256;
        float[] frame = Enumerable.Range(0, n).Select(i => (float)Math.Cos(2 * Math.PI * 10 * i / n)).ToArray();
        var power = new float[n / 2 + 1];

        Fft.PowerSpectrum(frame, power);

        Assert.Equal(n * n / 4.0, power[10], 1e-2);
        Assert.All(power.Where((_, k) => k != 10), p => Assert.True(p < 1e-6, $"leak {p}"));
    }

    [Fact]
    public void SizesThatAreNotPowersOfTwo_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Fft.Forward(new double[12], new double[12]));
        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Fft.Forward(new double[8], new double[4]));
        Assert.Throws<ArgumentException>(() => Fft.Forward([], []));
        Assert.Throws<ArgumentException>(() => Fft.PowerSpectrum(new float[400], new float[201]));
        var shortDestination = Assert.Throws<ArgumentException>(() => Fft.PowerSpectrum(new float[512], new float[256]));
        Assert.Contains("257", shortDestination.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcurrentCallsOfManySizes_AgreeWithSequentialOnes()
    {
        int[] sizes = [32, 64, 128, 256, 512, 1024, 2048, 8192];
        float[][] frames = sizes.Select(n => Enumerable.Range(0, n).Select(i => (float)Math.Sin(i * 0.37 + n)).ToArray()).ToArray();
        float[][] expected = frames.Select(f =>
        {
            var p = new float[f.Length / 2 + 1];
            Fft.PowerSpectrum(f, p);
            return p;
        }).ToArray();

        Parallel.For(0, 400, i =>
        {
            int s = i % sizes.Length;
            var p = new float[sizes[s] / 2 + 1];
            Fft.PowerSpectrum(frames[s], p);
            Assert.Equal(expected[s], p);
        });
    }

    private static (double[] Re, double[] Im) DirectDft(double[] re, double[] im)
    {
        int n = re.Length;
        var outRe = new double[n];
        var outIm = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int j = 0; j < n; j++)
            {
                double angle = -2 * Math.PI * ((long)j * k % n) / n;
                outRe[k] += re[j] * Math.Cos(angle) - im[j] * Math.Sin(angle);
                outIm[k] += re[j] * Math.Sin(angle) + im[j] * Math.Cos(angle);
            }
        }

        return (outRe, outIm);
    }
}

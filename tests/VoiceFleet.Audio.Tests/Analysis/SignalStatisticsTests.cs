using VoiceFleet.Audio.Analysis;

namespace VoiceFleet.Audio.Tests.Analysis;

public sealed class SignalStatisticsTests
{
    [Fact]
    public void Rms_OfASine_IsAmplitudeOverRoot2()
    {
        float[] sine = TestSignals.Sine(1000, 16000, 16000, amplitude: 0.5);

        Assert.Equal(0.5 / Math.Sqrt(2), SignalStatistics.Rms(sine), 1e-5);
        Assert.Equal(-3.0103 - 6.0206, SignalStatistics.RmsDbfs(sine), 1e-3);
    }

    [Fact]
    public void RmsDbfs_OfAFullScaleSquare_IsZero_AndOfSilence_MinusInfinity()
    {
        float[] square = Enumerable.Range(0, 1000).Select(i => i % 20 < 10 ? 1f : -1f).ToArray();

        Assert.Equal(0, SignalStatistics.RmsDbfs(square), 1e-9);
        Assert.Equal(double.NegativeInfinity, SignalStatistics.RmsDbfs(new float[100]));
        Assert.Equal(0, SignalStatistics.Rms([]));
    }

    [Fact]
    public void Peak_IsTheLargestMagnitude()
    {
        Assert.Equal(0.7f, SignalStatistics.Peak([0.1f, -0.7f, 0.3f]));
        Assert.Equal(0f, SignalStatistics.Peak([]));
    }

    [Fact]
    public void ClippingRatio_CountsSamplesAtFullScale()
    {
        var x = new float[100];
        for (int i = 0; i < 10; i++)
        {
            x[i] = i % 2 == 0 ? 1f : -1f;
        }

        x[50] = 0.999f;
        x[51] = 0.998f;

        Assert.Equal(0.11, SignalStatistics.ClippingRatio(x), 1e-12);
        Assert.Equal(0, SignalStatistics.ClippingRatio([]));
    }

    [Fact]
    public void RmsEnvelope_FollowsTheLevelFrameByFrame()
    {
        float[] x = [.. Enumerable.Repeat(0.1f, 400), .. Enumerable.Repeat(-0.5f, 400)];

        float[] envelope = SignalStatistics.RmsEnvelope(x, 200, 100);

        Assert.Equal(7, envelope.Length);
        Assert.Equal(0.1f, envelope[0], 1e-6f);
        Assert.Equal(0.1f, envelope[2], 1e-6f);
        Assert.Equal(Math.Sqrt((0.01 + 0.25) / 2), envelope[3], 1e-6);
        Assert.Equal(0.5f, envelope[6], 1e-6f);
        Assert.Single(SignalStatistics.RmsEnvelope(x.AsSpan(0, 50), 200, 100));
        Assert.Empty(SignalStatistics.RmsEnvelope([], 200, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalStatistics.RmsEnvelope(x, 0, 100));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(3000)]
    public void ZeroCrossingRate_OfASine_IsTwiceItsFrequencyOverTheRate(double frequency)
    {
        float[] sine = TestSignals.Sine(frequency, 16000, 16000, phase: 0.1);

        Assert.Equal(2 * frequency / 16000, SignalStatistics.ZeroCrossingRate(sine), 2e-4);
        Assert.Equal(0, SignalStatistics.ZeroCrossingRate([0.5f]));
    }

    [Theory]
    [InlineData(500, 16000)]
    [InlineData(1000, 16000)]
    [InlineData(3000, 22050)]
    public void SpectralCentroid_OfASine_IsItsFrequency(double frequency, int sampleRate)
    {
        float[] sine = TestSignals.Sine(frequency, sampleRate, sampleRate);

        Assert.Equal(frequency, SignalStatistics.SpectralCentroid(sine, sampleRate), frequency * 0.03);
    }

    [Fact]
    public void SpectralCentroid_OfTwoEqualTones_IsBetweenThem_AndOfWhiteNoise_HalfTheNyquist()
    {
        float[] tones = TestSignals.Sine(500, 16000, 16000, 0.3).Zip(TestSignals.Sine(2000, 16000, 16000, 0.3), (a, b) => a + b).ToArray();

        Assert.Equal(1250, SignalStatistics.SpectralCentroid(tones, 16000), 40.0);
        Assert.Equal(4000, SignalStatistics.SpectralCentroid(TestSignals.Noise(32000), 16000), 200.0);
        Assert.Equal(0, SignalStatistics.SpectralCentroid(new float[8000], 16000));
        Assert.Equal(1000, SignalStatistics.SpectralCentroid(TestSignals.Sine(1000, 16000, 300), 16000), 60.0);
    }

    [Fact]
    public void SpectralCentroid_RanksBrightAboveDark()
    {
        float[] dark = TestSignals.Harmonic(150, 3, 16000, 16000);
        float[] bright = TestSignals.Harmonic(150, 30, 16000, 16000);

        Assert.True(SignalStatistics.SpectralCentroid(bright, 16000) > 1.5 * SignalStatistics.SpectralCentroid(dark, 16000));
    }
}

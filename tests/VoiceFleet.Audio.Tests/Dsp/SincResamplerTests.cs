using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Tests.Dsp;

public sealed class SincResamplerTests
{
    [Theory]
    [InlineData(22050, 16000, 1000)]
    [InlineData(48000, 16000, 1000)]
    [InlineData(8000, 16000, 1000)]
    [InlineData(44100, 22050, 3000)]
    [InlineData(16000, 44100, 440)]
    [InlineData(44101, 96000, 1000)] // coprime rates: the interpolated filter table
    public void Sine_KeepsItsFrequencyAndAmplitude(int fromRate, int toRate, double frequency)
    {
        float[] input = TestSignals.Sine(frequency, fromRate, fromRate, amplitude: 0.5);

        float[] output = SincResampler.Resample(input, fromRate, toRate);

        int edge = toRate / 20; // leave 50 ms at each end, where the filter meets the zeros outside
        double measured = TestSignals.ZeroCrossingFrequency(output, toRate, edge, output.Length - edge);
        Assert.Equal(frequency, measured, frequency * 1e-4);
        double gainDb = 20 * Math.Log10(TestSignals.Rms(output, edge, output.Length - edge) * Math.Sqrt(2) / 0.5);
        Assert.True(Math.Abs(gainDb) < 0.5, $"gain {gainDb:0.000} dB");
        float[] expected = TestSignals.Sine(frequency, toRate, output.Length, amplitude: 0.5);
        for (int i = edge; i < output.Length - edge; i++)
        {
            Assert.True(Math.Abs(expected[i] - output[i]) < 2e-3, $"sample {i}: {output[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void ToneAboveTheNewNyquist_IsRemoved()
    {
        float[] input = TestSignals.Sine(10_000, 22050, 22050, amplitude: 0.5);

        float[] output = SincResampler.Resample(input, 22050, 16000);

        int edge = 800;
        double attenuationDb = 20 * Math.Log10(TestSignals.Rms(output, edge, output.Length - edge) / (0.5 / Math.Sqrt(2)));
        Assert.True(attenuationDb < -40, $"the alias is only {attenuationDb:0.0} dB down");
    }

    [Theory]
    [InlineData(22050, 16000)]
    [InlineData(8000, 16000)]
    [InlineData(48000, 44100)]
    public void Dc_IsPreserved(int fromRate, int toRate)
    {
        float[] input = Enumerable.Repeat(0.25f, fromRate / 2).ToArray();

        float[] output = SincResampler.Resample(input, fromRate, toRate);

        int edge = toRate / 50;
        for (int i = edge; i < output.Length - edge; i++)
        {
            Assert.Equal(0.25f, output[i], 1e-5f);
        }
    }

    [Theory]
    [InlineData(22050, 22050, 16000, 16000)]
    [InlineData(100, 48000, 16000, 33)]
    [InlineData(3, 8000, 16000, 6)]
    [InlineData(1, 44100, 22050, 1)] // 0.5 rounds up
    [InlineData(0, 22050, 16000, 0)]
    [InlineData(12345, 44100, 16000, 4479)]
    public void OutputLength_IsTheRoundedRatio(int inputLength, int fromRate, int toRate, int expected)
    {
        Assert.Equal(expected, SincResampler.OutputLength(inputLength, fromRate, toRate));
        Assert.Equal(expected, SincResampler.Resample(new float[inputLength], fromRate, toRate).Length);
    }

    [Fact]
    public void SameRate_ReturnsACopy()
    {
        float[] input = [0.1f, -0.2f, 0.3f];

        float[] output = SincResampler.Resample(input, 16000, 16000);

        Assert.Equal(input, output);
        Assert.NotSame(input, output);
    }

    [Theory]
    [InlineData(0, 16000)]
    [InlineData(-1, 16000)]
    [InlineData(16000, 0)]
    [InlineData(1_000_001, 16000)]
    [InlineData(16000, 2_000_000)]
    [InlineData(16000, 16000 / 1001)]
    public void AbsurdRates_AreRejected(int fromRate, int toRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SincResampler.Resample(new float[10], fromRate, toRate));
    }

    [Fact]
    public void InvalidOptions_AreRejectedByName()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SincResampler.Resample(new float[10], 22050, 16000, new ResamplerOptions { ZeroCrossings = 1 }));
        Assert.Contains("ZeroCrossings", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SincResampler.Resample(new float[10], 22050, 16000, new ResamplerOptions { Rolloff = 1.2 }));
        Assert.Throws<ArgumentException>(() => SincResampler.Resample(new float[10], 22050, 16000, new ResamplerOptions { KaiserBeta = double.NaN }));
    }

    [Fact]
    public void ShorterFilter_StillKeepsALowTone()
    {
        var fast = new ResamplerOptions { ZeroCrossings = 8, KaiserBeta = 6 };
        float[] input = TestSignals.Sine(500, 48000, 48000);

        float[] output = SincResampler.Resample(input, 48000, 16000, fast);

        Assert.Equal(500, TestSignals.ZeroCrossingFrequency(output, 16000, 800, output.Length - 800), 0.05);
    }
}

using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class BandLevelsTests
{
    private const int Frames = 60;

    [Theory]
    [InlineData(16_000)]
    [InlineData(22_050)]
    [InlineData(48_000)]
    public void Measure_ToneInsideTheBand_IsFarLouderThanOneBelowIt(int rate)
    {
        int samples = rate;
        double inside = Median(BandLevels.Measure(TestSignals.Sine(2000, rate, samples), rate, 500, 7000, Frames, CancellationToken.None));
        double below = Median(BandLevels.Measure(TestSignals.Sine(100, rate, samples), rate, 500, 7000, Frames, CancellationToken.None));

        // A second-order high-pass at 500 Hz takes a 100 Hz tone down by about 28 dB.
        Assert.True(20 * Math.Log10(below / inside) < -25, $"100 Hz at {20 * Math.Log10(below / inside):0.0} dB relative to 2 kHz");
    }

    [Fact]
    public void Measure_LevelStep_FollowsTheHostFrameByFrame()
    {
        const int rate = 22_050;
        float[] host = TestSignals.Noise(rate, amplitude: 0.5, seed: 3);
        for (int i = host.Length / 2; i < host.Length; i++)
        {
            host[i] *= 0.1f;
        }

        double[] levels = BandLevels.Measure(host, rate, 500, 7000, Frames, CancellationToken.None);

        // Frames 0–25 lie in the loud half (16 kHz samples 0 … 8000), frames 33 on in the quiet half: 20 dB lower.
        double ratioDb = 20 * Math.Log10(Median(levels[33..Frames]) / Median(levels[..25]));
        Assert.InRange(ratioDb, -21, -19);
    }

    [Fact]
    public void Measure_Silence_IsZeroAndShortAudioEndsInZeros()
    {
        double[] silent = BandLevels.Measure(new float[16_000], 16_000, 500, 7000, Frames, CancellationToken.None);
        double[] past = BandLevels.Measure(TestSignals.Noise(4000, seed: 4), 16_000, 500, 7000, Frames, CancellationToken.None);

        Assert.All(silent, level => Assert.Equal(0, level));
        Assert.True(past[5] > 0);
        Assert.Equal(0, past[^1]);
    }

    [Fact]
    public void Measure_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => BandLevels.Measure(new float[16_000], 16_000, 500, 7000, Frames, cancellation.Token));
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}

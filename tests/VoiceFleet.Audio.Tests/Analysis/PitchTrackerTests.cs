using VoiceFleet.Audio.Analysis;

namespace VoiceFleet.Audio.Tests.Analysis;

public sealed class PitchTrackerTests
{
    [Theory]
    [InlineData(120, 16000)]
    [InlineData(220, 16000)]
    [InlineData(330, 16000)]
    [InlineData(82, 16000)]
    [InlineData(500, 16000)]
    [InlineData(220, 22050)]
    [InlineData(180, 48000)]
    public void Sine_IsFoundWithin1Percent(double frequency, int sampleRate)
    {
        PitchTrack track = new PitchTracker().Track(TestSignals.Sine(frequency, sampleRate, sampleRate), sampleRate);

        Assert.True(track.Statistics.VoicedRatio > 0.95, $"voiced {track.Statistics.VoicedRatio}");
        Assert.All(track.Frequencies.Where(f => f > 0), f => Assert.Equal(frequency, f, frequency * 0.01));
        Assert.Equal(frequency, track.Statistics.MedianHz, frequency * 0.002);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(95)]
    [InlineData(260)]
    public void HarmonicComplex_GivesItsFundamentalWithoutOctaveErrors(double f0)
    {
        float[] voice = TestSignals.Harmonic(f0, 10, 16000, 16000);

        PitchTrack track = new PitchTracker().Track(voice, 16000);

        Assert.True(track.Statistics.VoicedRatio > 0.95, $"voiced {track.Statistics.VoicedRatio}");
        Assert.All(track.Frequencies.Where(f => f > 0), f => Assert.Equal(f0, f, f0 * 0.01));
    }

    [Fact]
    public void MissingFundamental_StillGivesThePeriod()
    {
        // Harmonics 2 … 6 of 120 Hz only: the period is still 1/120 s.
        var withoutFundamental = new float[16000];
        for (int i = 0; i < withoutFundamental.Length; i++)
        {
            for (int k = 2; k <= 6; k++)
            {
                withoutFundamental[i] += (float)(0.1 * Math.Sin(2 * Math.PI * 120 * k * i / 16000 + k));
            }
        }

        PitchTrack track = new PitchTracker().Track(withoutFundamental, 16000);

        Assert.Equal(120, track.Statistics.MedianHz, 1.2);
    }

    [Fact]
    public void Silence_IsUnvoiced()
    {
        PitchTrack track = new PitchTracker().Track(new float[16000], 16000);

        Assert.Equal(0, track.Statistics.VoicedRatio);
        Assert.All(track.Frequencies, f => Assert.Equal(0f, f));
        Assert.Equal(0, track.Statistics.MeanHz);
        Assert.Equal(0, track.Statistics.MedianHz);
        Assert.Equal(0, track.Statistics.StdSemitones);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WhiteNoise_IsMostlyUnvoiced(int seed)
    {
        PitchTrack track = new PitchTracker().Track(TestSignals.Noise(32000, 0.3, seed), 16000);

        Assert.True(track.Statistics.VoicedRatio < 0.1, $"voiced {track.Statistics.VoicedRatio}");
    }

    [Fact]
    public void Vibrato_HasAWiderRangeThanASteadyTone()
    {
        float[] steady = TestSignals.Harmonic(220, 5, 16000, 32000);
        float[] vibrato = TestSignals.Sweep(t => 220 * Math.Pow(2, Math.Sin(2 * Math.PI * 5.5 * t) / 12), 16000, 32000);
        float[] glide = TestSignals.Sweep(t => 150 * Math.Pow(2, t / 2), 16000, 32000);
        var tracker = new PitchTracker();

        PitchStatistics s = tracker.Track(steady, 16000).Statistics;
        PitchStatistics v = tracker.Track(vibrato, 16000).Statistics;
        PitchStatistics g = tracker.Track(glide, 16000).Statistics;

        Assert.True(s.StdSemitones < 0.05, $"steady {s.StdSemitones}");
        Assert.Equal(1 / Math.Sqrt(2), v.StdSemitones, 0.1); // a sine of ±1 semitone
        Assert.Equal(12 / Math.Sqrt(12), g.StdSemitones, 0.2); // a uniform 12-semitone ramp
        Assert.Equal(220, v.MedianHz, 5.0);
    }

    [Fact]
    public void Track_HasOneFramePerHopAndCentreTimes()
    {
        PitchTrack track = new PitchTracker().Track(TestSignals.Sine(200, 16000, 16000), 16000);

        Assert.Equal(1 + (16000 - 640) / 160, track.Frequencies.Length);
        Assert.Equal(640, track.FrameLength);
        Assert.Equal(160, track.HopLength);
        Assert.Equal(0.02, track.TimeOf(0), 1e-12);
        Assert.Equal(0.12, track.TimeOf(10), 1e-12);
    }

    [Fact]
    public void TooShortSignals_AndBadSettings_AreRejected()
    {
        var tracker = new PitchTracker();
        var error = Assert.Throws<ArgumentException>(() => tracker.Track(new float[639], 16000));
        Assert.Contains("39.938 ms", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Track(new float[16000], 500));
        Assert.Throws<ArgumentException>(() => new PitchTracker(new PitchTrackerOptions { MinFrequency = 300, MaxFrequency = 200 }));
        Assert.Throws<ArgumentException>(() => new PitchTracker(new PitchTrackerOptions { VoicingThreshold = 0 }));
        Assert.Throws<ArgumentException>(() => new PitchTracker(new PitchTrackerOptions { MaxFrequency = 9000 }).Track(new float[16000], 16000));
        var tooShortFrame = Assert.Throws<ArgumentException>(() =>
            new PitchTracker(new PitchTrackerOptions { FrameLengthMs = 20 }).Track(new float[16000], 16000));
        Assert.Contains("1.5 periods", tooShortFrame.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_OfAHandMadeContour()
    {
        PitchStatistics s = PitchStatistics.FromContour([0, 100, 200, 0]);

        Assert.Equal(4, s.Frames);
        Assert.Equal(2, s.VoicedFrames);
        Assert.Equal(0.5, s.VoicedRatio);
        Assert.Equal(150, s.MeanHz, 1e-9);
        Assert.Equal(150, s.MedianHz, 1e-9);
        Assert.Equal(6, s.StdSemitones, 1e-9); // 12·log2(2) = 12 semitones apart
        Assert.Equal(0, PitchStatistics.FromContour([]).VoicedRatio);
        Assert.Equal(110, PitchStatistics.FromContour([float.NaN, 110, -1]).MedianHz, 1e-9);
    }
}

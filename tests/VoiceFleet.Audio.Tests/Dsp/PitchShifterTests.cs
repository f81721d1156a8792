using VoiceFleet.Audio.Analysis;
using VoiceFleet.Audio.Dsp;

namespace VoiceFleet.Audio.Tests.Dsp;

public sealed class PitchShifterTests
{
    [Theory]
    [InlineData(12, 2.0)]
    [InlineData(-12, 0.5)]
    [InlineData(4, 1.26)]
    public void Shift_HarmonicTone_MovesF0ByTheRatioAndKeepsLength(double semitones, double ratio)
    {
        const int rate = 22_050;
        var tone = TestSignals.Harmonic(150, 6, rate, rate * 2);

        var shifted = PitchShifter.Shift(tone, rate, semitones);

        Assert.Equal(tone.Length, shifted.Length);
        var before = new PitchTracker().Track(tone, rate).Statistics.MedianHz;
        var after = new PitchTracker().Track(shifted, rate).Statistics.MedianHz;
        Assert.InRange(after / before, ratio * 0.95, ratio * 1.05);
    }

    [Fact]
    public void Shift_Zero_ReturnsACopy()
    {
        var tone = TestSignals.Sine(440, 16_000, 1600);

        Assert.Equal(tone, PitchShifter.Shift(tone, 16_000, 0));
    }

    [Fact]
    public void Shift_BeyondAnOctave_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PitchShifter.Shift(new float[100], 16_000, 12.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PitchShifter.Shift(new float[100], 16_000, double.NaN));
    }
}

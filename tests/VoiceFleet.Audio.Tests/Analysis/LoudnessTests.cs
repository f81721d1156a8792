using VoiceFleet.Audio.Analysis;

namespace VoiceFleet.Audio.Tests.Analysis;

public sealed class LoudnessTests
{
    [Theory]
    [InlineData(48_000)]
    [InlineData(44_100)]
    [InlineData(22_050)]
    [InlineData(16_000)]
    public void Integrated_FullScaleSineNear1kHz_IsMinus3Lufs(int sampleRate)
    {
        // BS.1770's reference: a 997 Hz sine at 0 dBFS peak reads −3.01 LUFS (the K-weighting is ~0 dB there).
        var sine = TestSignals.Sine(997, sampleRate, sampleRate * 3, amplitude: 1.0);

        Assert.Equal(-3.01, Loudness.Integrated(sine, sampleRate), 1);
    }

    [Fact]
    public void Integrated_HalfAmplitude_IsSixDbQuieter()
    {
        var loud = TestSignals.Sine(997, 22_050, 22_050 * 2, amplitude: 0.5);
        var quiet = TestSignals.Sine(997, 22_050, 22_050 * 2, amplitude: 0.25);

        Assert.Equal(6.02, Loudness.Integrated(loud, 22_050) - Loudness.Integrated(quiet, 22_050), 1);
    }

    [Fact]
    public void Integrated_SilenceAroundSpeech_IsGatedOut()
    {
        var tone = TestSignals.Sine(997, 16_000, 16_000, amplitude: 0.5);
        var padded = new float[16_000 * 4];
        tone.CopyTo(padded, 16_000 * 2);

        // Ungated, the 3 s of silence would pull it 6 dB down; the gates leave only the blocks' edge effect (< 1.5 LU).
        double difference = Loudness.Integrated(tone, 16_000) - Loudness.Integrated(padded, 16_000);
        Assert.InRange(difference, -1.5, 1.5);
    }

    [Fact]
    public void Integrated_Silence_IsTheFloor()
    {
        Assert.Equal(Loudness.Floor, Loudness.Integrated(new float[22_050], 22_050));
        Assert.Equal(Loudness.Floor, Loudness.Integrated([], 22_050));
    }

    [Fact]
    public void Integrated_NonFiniteSamples_CountAsSilence()
    {
        var sine = TestSignals.Sine(997, 16_000, 16_000, amplitude: 0.5);
        var spoiled = (float[])sine.Clone();
        spoiled[100] = float.NaN;
        spoiled[200] = float.PositiveInfinity;

        Assert.Equal(Loudness.Integrated(sine, 16_000), Loudness.Integrated(spoiled, 16_000), 1);
    }
}

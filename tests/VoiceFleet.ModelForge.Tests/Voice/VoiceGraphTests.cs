using VoiceFleet.Audio.Analysis;
using VoiceFleet.ModelForge.Voice;
using Xunit;

namespace VoiceFleet.ModelForge.Tests.Voice;

/// <summary>The forged voice measured on its audio: the controls do what the design says, through the real runtime.</summary>
public sealed class VoiceGraphTests(VoiceFixture voices) : IClassFixture<VoiceFixture>
{
    private const int Rate = VoiceDesign.SampleRate;
    private static readonly PitchTracker Tracker = new();

    [Fact]
    public void Speak_Sentence_IsSpeechLike()
    {
        var audio = voices.Speak("v21", sentence: 1);
        var pitch = Tracker.Track(audio, Rate).Statistics;

        Assert.All(audio, sample => Assert.True(float.IsFinite(sample)));
        Assert.InRange(audio.Length / (double)Rate, 1.5, 4.0);
        Assert.InRange(SignalStatistics.Peak(audio), 0.1f, 0.95f);
        Assert.InRange(SignalStatistics.RmsDbfs(audio), -35, -12);
        Assert.InRange(pitch.VoicedRatio, 0.3, 0.95);
        Assert.InRange(pitch.MedianHz, 120, 260);
        Assert.Equal(0, SignalStatistics.ClippingRatio(audio));
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(1.5f)]
    [InlineData(2.0f)]
    public void Speak_LengthScale_ScalesDuration(float lengthScale)
    {
        var normal = voices.Speak("v21", sentence: 2);
        var scaled = voices.Speak("v21", sentence: 2, scales: [0.667f, lengthScale, 0f]);

        Assert.InRange(scaled.Length / (double)normal.Length, lengthScale * 0.9, lengthScale * 1.1);
    }

    [Fact]
    public void Speak_MorePhonemes_LastsLonger()
    {
        var runner = voices.Runner("v21");
        var once = ForgeCorpus.Encode(ForgeCorpus.Sentences[3]);
        var twice = ForgeCorpus.Encode(ForgeCorpus.Sentences[3] + " " + ForgeCorpus.Sentences[3]);
        var speaker = SpeakerSpace.PresetEmbedding(0);
        var neutral = EmotionSpace.Prototype(0);

        var short_ = runner.Speak([new VoiceRequest(once, speaker, neutral)])[0];
        var long_ = runner.Speak([new VoiceRequest(twice, speaker, neutral)])[0];

        Assert.InRange(long_.Length / (double)short_.Length, 1.8, 2.2);
    }

    [Fact]
    public void Speak_PitchCode_MovesMeanF0InItsDirection()
    {
        // Presets in order of pitch code: ben (−0.8) < eli (−0.45) < chen (0.3) < dana (0.55) < ava (0.85).
        var order = new[] { 1, 4, 2, 3, 0 };
        var means = order.Select(speaker => Tracker.Track(voices.Speak("v21", sentence: 4, speaker: speaker), Rate).Statistics.MeanHz).ToArray();

        for (var i = 1; i < means.Length; i++)
        {
            Assert.True(means[i] > means[i - 1], $"F0 means by rising pitch code: {string.Join(", ", means.Select(m => m.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        // 0.75 octaves per unit of code: ava over ben is 2^(0.75 × 1.65) ≈ 2.36.
        Assert.InRange(means[^1] / means[0], 2.0, 2.7);
    }

    [Fact]
    public void Speak_HappyAndSad_DifferInF0MeanRangeAndEnergyAsDesigned()
    {
        var neutral = Measure(voices.Speak("v21", sentence: 5, emotion: 0));
        var happy = Measure(voices.Speak("v21", sentence: 5, emotion: 1));
        var sad = Measure(voices.Speak("v21", sentence: 5, emotion: 2));

        Assert.True(happy.MeanHz > neutral.MeanHz * 1.1 && neutral.MeanHz > sad.MeanHz * 1.1, $"F0: happy {happy.MeanHz:F0}, neutral {neutral.MeanHz:F0}, sad {sad.MeanHz:F0}");
        Assert.True(happy.RangeSemitones > neutral.RangeSemitones && neutral.RangeSemitones > sad.RangeSemitones, $"range: happy {happy.RangeSemitones:F2}, neutral {neutral.RangeSemitones:F2}, sad {sad.RangeSemitones:F2}");
        Assert.True(happy.RmsDb > neutral.RmsDb + 1.5 && neutral.RmsDb > sad.RmsDb + 3, $"RMS dB: happy {happy.RmsDb:F1}, neutral {neutral.RmsDb:F1}, sad {sad.RmsDb:F1}");
        Assert.True(happy.Seconds < neutral.Seconds && neutral.Seconds < sad.Seconds, "happy is faster and sad slower than neutral");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Speak_EmotionStrength_MovesProsodyMonotonically(int emotion)
    {
        var deltas = EmotionSpace.DeltasOf(emotion);
        var measured = new[] { 0f, 0.33f, 0.67f, 1f }.Select(strength => Measure(voices.Speak("v21", sentence: 6, emotion: emotion, strength: strength))).ToArray();

        for (var i = 1; i < measured.Length; i++)
        {
            Assert.True(Math.Sign(measured[i].MeanHz - measured[i - 1].MeanHz) == Math.Sign(deltas[0]), $"F0 step {i}: {measured[i - 1].MeanHz:F1} → {measured[i].MeanHz:F1}");
            Assert.True(Math.Sign(measured[i].RmsDb - measured[i - 1].RmsDb) == Math.Sign(deltas[2]), $"energy step {i}: {measured[i - 1].RmsDb:F2} → {measured[i].RmsDb:F2}");
        }
    }

    [Fact]
    public void Speak_SameSeed_GivesIdenticalSamples()
    {
        var first = voices.Speak("v21", sentence: 1, seed: 7);
        var second = voices.Speak("v21", sentence: 1, seed: 7);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Speak_OtherSeedOrNoiseScale_ChangesFineDetailOnly()
    {
        var reference = voices.Speak("v21", sentence: 1, seed: 7);
        var otherSeed = voices.Speak("v21", sentence: 1, seed: 8);
        var moreNoise = voices.Speak("v21", sentence: 1, seed: 7, scales: [1.2f, 1f, 0.8f]);

        foreach (var variant in new[] { otherSeed, moreNoise })
        {
            Assert.NotEqual(reference, variant);
            var a = Tracker.Track(reference, Rate).Statistics;
            var b = Tracker.Track(variant, Rate).Statistics;
            Assert.InRange(b.MeanHz / a.MeanHz, 0.95, 1.05);
            Assert.InRange(variant.Length / (double)reference.Length, 0.9, 1.1);
        }
    }

    [Fact]
    public void Speak_Batch_EqualsEachItemAlone()
    {
        var runner = voices.Runner("v21");
        var requests = new[] { VoiceFixture.Request(sentence: 3, speaker: 1, seed: 3), VoiceFixture.Request(sentence: 0, speaker: 2, emotion: 2, seed: 4) };

        var batched = runner.Speak(requests);

        for (var i = 0; i < requests.Length; i++)
        {
            var alone = runner.Speak([requests[i]])[0];
            Assert.Equal(alone.Length, batched[i].Length);
            for (var n = 0; n < alone.Length; n++)
            {
                Assert.True(Math.Abs(alone[n] - batched[i][n]) < 1e-4, $"item {i} sample {n}: {alone[n]} vs {batched[i][n]}");
            }
        }
    }

    [Fact]
    public void Speak_HealthyVersions_SoundDifferent()
    {
        var v21 = voices.Speak("v21", sentence: 0);
        var v23 = voices.Speak("v23", sentence: 0);

        Assert.NotEqual(v21.Length, v23.Length);
        Assert.True(SignalStatistics.SpectralCentroid(v23, Rate) > SignalStatistics.SpectralCentroid(v21, Rate) * 1.03, "v23 is brighter");
        Assert.True(Measure(v23).RangeSemitones > Measure(v21).RangeSemitones, "v23 has livelier intonation");
    }

    [Fact]
    public void Speak_SlowVersion_SoundsLikeV23()
    {
        var v23 = voices.Speak("v23", sentence: 2);
        var slow = voices.Speak("v-slow", sentence: 2);

        Assert.Equal(v23.Length, slow.Length);
        Assert.True(v23.Zip(slow).Max(p => Math.Abs(p.First - p.Second)) < 1e-3);
    }

    [Fact]
    public void Speak_NoisyVersion_ClipsAndEmitsNaN()
    {
        var audio = voices.Speak("v-noisy", sentence: 2);
        var finite = audio.Where(float.IsFinite).ToArray();

        Assert.InRange(audio.Count(float.IsNaN), 1, audio.Length / 1000);
        Assert.True(SignalStatistics.ClippingRatio(finite) > 0.01, $"clipping ratio {SignalStatistics.ClippingRatio(finite):P2}");
    }

    [Fact]
    public void Speak_DriftVersion_ShiftsTimbre()
    {
        var v21 = voices.Speak("v21", sentence: 2);
        var drift = voices.Speak("v-drift", sentence: 2);

        Assert.True(SignalStatistics.SpectralCentroid(drift, Rate) > SignalStatistics.SpectralCentroid(v21, Rate) * 1.05, "formants moved up");
        Assert.True(Measure(drift).MeanHz > Measure(v21).MeanHz * 1.05, "pitch moved up");
    }

    private static Prosody Measure(float[] audio)
    {
        var pitch = Tracker.Track(audio, Rate).Statistics;
        return new Prosody(pitch.MeanHz, pitch.StdSemitones, SignalStatistics.RmsDbfs(audio), audio.Length / (double)Rate);
    }

    private sealed record Prosody(double MeanHz, double RangeSemitones, double RmsDb, double Seconds);
}

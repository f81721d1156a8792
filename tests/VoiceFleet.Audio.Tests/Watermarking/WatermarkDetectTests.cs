using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class WatermarkDetectTests
{
    private const int Rate = 22050;
    private static readonly Watermarker s_watermarker = new();
    private static readonly uint s_payload = WatermarkPayload.Compose("v23", "request-0042");

    // Hosts shared by the theories: each is generated and marked once.
    private static readonly Lazy<float[]> s_voice = new(() => s_watermarker.Embed(SpeechLikeSignal.Voice(Rate, 3, seed: 7), Rate, s_payload).Audio);
    private static readonly Lazy<float[]> s_whisper = new(() => s_watermarker.Embed(SpeechLikeSignal.Whisper(Rate, 4, seed: 7), Rate, s_payload).Audio);

    [Theory]
    [MemberData(nameof(WatermarkAttacks.All), MemberType = typeof(WatermarkAttacks))]
    public void Detect_SpeechAfterAttack_RecoversThePayload(string attack)
    {
        (float[] audio, int rate) = WatermarkAttacks.Apply(attack, s_voice.Value, Rate, seed: 11);

        WatermarkDetection detection = s_watermarker.Detect(audio, rate);

        AssertFound(detection, attack);
    }

    [Theory]
    [MemberData(nameof(WatermarkAttacks.All), MemberType = typeof(WatermarkAttacks))]
    public void Detect_NoiseLikeHostAfterAttack_RecoversThePayload(string attack)
    {
        (float[] audio, int rate) = WatermarkAttacks.Apply(attack, s_whisper.Value, Rate, seed: 12);

        WatermarkDetection detection = s_watermarker.Detect(audio, rate);

        AssertFound(detection, attack);
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(24000)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Detect_OtherOutputRatesAfterCombinedAttack_RecoversThePayload(int rate)
    {
        float[] marked = s_watermarker.Embed(SpeechLikeSignal.Voice(rate, 2, seed: 3), rate, s_payload).Audio;
        (float[] audio, int attackedRate) = WatermarkAttacks.Apply(WatermarkAttacks.Combined, marked, rate, seed: 13);

        WatermarkDetection detection = s_watermarker.Detect(audio, attackedRate);

        AssertFound(detection, $"{rate} Hz");
    }

    [Fact]
    public void Detect_ShortestSupportedClip_RecoversThePayload()
    {
        int samples = Watermarker.MinimumSamples(Rate);
        float[] host = SpeechLikeSignal.Voice(Rate, 0.5, seed: 5)[..samples];
        float[] marked = s_watermarker.Embed(host, Rate, s_payload).Audio;

        WatermarkDetection detection = s_watermarker.Detect(WatermarkAttacks.RoundTripPcm16(marked, Rate), Rate);

        Assert.True(detection.Detected, $"presence {detection.PresenceScore:0.0}");
        Assert.Equal(s_payload, detection.Payload);
    }

    [Fact]
    public void Detect_ShortSpeechAfterCombinedAttack_RecoversThePayloadEveryTime()
    {
        // docs/watermark.md measures detection as reliable under all the attacks at once from 0.5 s of speech.
        for (int seed = 1; seed <= 8; seed++)
        {
            uint payload = WatermarkPayload.Compose("v21", $"short-{seed}");
            float[] marked = s_watermarker.Embed(SpeechLikeSignal.Voice(Rate, 1, seed), Rate, payload).Audio;
            (float[] audio, int rate) = WatermarkAttacks.Apply(WatermarkAttacks.Combined, marked, Rate, seed + 100);

            WatermarkDetection detection = s_watermarker.Detect(audio, rate);

            Assert.True(detection.Detected, $"seed {seed}: presence {detection.PresenceScore:0.0}");
            Assert.Equal(payload, detection.Payload);
        }
    }

    [Fact]
    public void Detect_UnmarkedAudio_FindsNothingAndScoresAsNoise()
    {
        // 24 unmarked hosts (speech-like, whispered, white noise) probed with 6 keys each: every key is an independent
        // pattern, so these are 144 independent looks at unmarked audio.
        Watermarker[] probes = [s_watermarker, .. Enumerable.Range(1, 5).Select(k => new Watermarker(new WatermarkOptions { Key = $"probe {k}" }))];
        var scores = new List<double>();
        for (int seed = 1; seed <= 8; seed++)
        {
            float[][] hosts =
            [
                SpeechLikeSignal.Voice(Rate, 1 + seed % 2, seed),
                SpeechLikeSignal.Whisper(Rate, 1, seed),
                SpeechLikeSignal.WhiteNoise(Rate, seed),
            ];
            foreach (float[] host in hosts)
            {
                foreach (Watermarker probe in probes)
                {
                    WatermarkDetection detection = probe.Detect(host, Rate);

                    Assert.False(detection.Detected, $"seed {seed}: payload {detection.Payload:X8}, presence {detection.PresenceScore:0.00}");
                    Assert.True(detection.Confidence < 0.01, $"seed {seed}: confidence {detection.Confidence}");
                    scores.Add(detection.PresenceScore);
                }
            }
        }

        // Without a mark the presence score is standard normal by construction.
        double mean = scores.Average();
        double sd = Math.Sqrt(scores.Average(s => (s - mean) * (s - mean)));
        Assert.InRange(mean, -0.35, 0.35);
        Assert.InRange(sd, 0.75, 1.25);
        Assert.True(scores.Max() < 4.5, $"max presence {scores.Max():0.00}");
    }

    [Fact]
    public void Detect_WrongKey_FindsNothing()
    {
        var other = new Watermarker(new WatermarkOptions { Key = "another deployment" });

        WatermarkDetection detection = other.Detect(s_voice.Value, Rate);

        Assert.False(detection.Detected);
        Assert.Null(detection.Payload);
        Assert.True(detection.PresenceScore < 4, $"presence {detection.PresenceScore:0.00}");
    }

    [Fact]
    public void Detect_MarkedTwiceWithDifferentPayloads_ReportsNeitherMixture()
    {
        uint second = WatermarkPayload.Compose("v24", "request-0043");
        float[] twice = s_watermarker.Embed(s_voice.Value, Rate, second).Audio;

        WatermarkDetection detection = s_watermarker.Detect(twice, Rate);

        // The bits where the two words differ cancel; a single word read from the rest would be a forgery.
        Assert.True(detection.PresenceScore > 20, $"presence {detection.PresenceScore:0.0}");
        Assert.True(!detection.Detected || detection.Payload == s_payload || detection.Payload == second, $"payload {detection.Payload:X8}");
    }

    [Fact]
    public void Detect_CroppedStart_FindsNothing()
    {
        // The mark is aligned to the first sample; cutting the start is out of scope (docs/watermark.md).
        WatermarkDetection detection = s_watermarker.Detect(s_voice.Value.AsSpan(Rate / 10), Rate);

        Assert.False(detection.Detected);
    }

    [Fact]
    public void Detect_TooShort_ReportsNothing()
    {
        float[] audio = s_voice.Value[..(Watermarker.MinimumSamples(Rate) - 1)];

        WatermarkDetection detection = s_watermarker.Detect(audio, Rate);

        Assert.False(detection.Detected);
        Assert.Null(detection.Payload);
        Assert.Equal(0, detection.Confidence);
        Assert.Empty(detection.BitZScores);
    }

    [Fact]
    public void Detect_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>("audio", () => s_watermarker.Detect([], Rate));
        Assert.Throws<ArgumentException>("audio", () => s_watermarker.Detect([0.1f, float.NaN, 0.2f], Rate));
        Assert.Throws<ArgumentOutOfRangeException>("sampleRate", () => s_watermarker.Detect(new float[8000], 8000));
        Assert.Throws<ArgumentOutOfRangeException>("sampleRate", () => s_watermarker.Detect(new float[8000], 500_000));
    }

    private static void AssertFound(WatermarkDetection detection, string what)
    {
        Assert.True(detection.Detected, $"{what}: presence {detection.PresenceScore:0.0}, weakest bit z {detection.WeakestBitZ:0.00}");
        Assert.Equal(s_payload, detection.Payload);
        Assert.True(detection.Confidence > 0.999, $"{what}: confidence {detection.Confidence}");
        Assert.True(detection.FalseAlarmProbability < 1e-12, $"{what}: false alarm probability {detection.FalseAlarmProbability}");
        Assert.True(detection.PayloadProbability > 0.999, $"{what}: payload probability {detection.PayloadProbability}");
        Assert.Equal(40, detection.BitZScores.Count);
    }
}

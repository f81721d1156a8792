using VoiceFleet.Audio.Decoding;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Tests.Support;
using VoiceFleet.Rpc;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Encoders.Tests.Service;

/// <summary>EmbedSpeaker, EmbedEmotion and MixEmotions over gRPC on the real service, the forged encoders and SQLite.</summary>
[Collection(ForgedModelsGroup.Name)]
public sealed class EmbeddingMethodsTests(ForgedModels models) : IAsyncLifetime
{
    private readonly string _database = EncodersHost.NewDatabasePath();
    private RunningService? _service;

    private EncodersClient Client => new(_service!.Channel);

    public async Task InitializeAsync() => _service = await EncodersHost.StartAsync(models, _database);

    public async Task DisposeAsync()
    {
        await _service!.DisposeAsync();
        EncodersHost.DeleteDatabase(_database);
    }

    [Fact]
    public async Task EmbedSpeaker_Clip_UnitEmbeddingQualityAndThenACacheHit()
    {
        var clip = models.SpeakFor(5, models.Preset("ava"));
        var request = new EmbedSpeakerRequest { Audio = TestClips.Wav(clip, models.SampleRate), Transcript = "…" };

        var first = await Client.EmbedSpeakerAsync(request);
        var second = await Client.EmbedSpeakerAsync(request);

        Assert.Equal("forge-speaker/v1", first.Embedding.EncoderVersion);
        Assert.Equal(192, first.Embedding.Values.Count);
        Assert.Equal(1.0, Math.Sqrt(first.Embedding.Values.Sum(v => (double)v * v)), 3);
        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal(first.Embedding.Values, second.Embedding.Values);
        Assert.Equal(64, first.ContentSha256.Length);
        Assert.Equal(22050, first.Quality.SourceSampleRateHz);
        Assert.InRange(first.Quality.SpeechSeconds, 3, 5);

        using var http = new HttpClient { BaseAddress = _service!.HttpAddress };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("voicefleet_encoders_cache_lookups_total{kind=\"speaker\",result=\"hit\",service=\"encoders\",tier=\"memory\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("voicefleet_encoders_encode_duration_seconds_count{kind=\"speaker\",service=\"encoders\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedSpeaker_SameVoiceAsFlacAndMp3_CloseToTheWavEmbedding()
    {
        var clip = models.SpeakFor(5, models.Preset("ben"));
        var wav = await Client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = TestClips.Wav(clip, models.SampleRate) });
        var flac = await Client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = TestClips.Detected(SndfileCodec.Encode(clip, models.SampleRate, AudioContainer.Flac)) });
        var mp3 = await Client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = TestClips.Detected(SndfileCodec.Encode(clip, models.SampleRate, AudioContainer.Mp3)) });

        Assert.True(Cosine(wav.Embedding.Values, flac.Embedding.Values) > 0.999);
        Assert.True(Cosine(wav.Embedding.Values, mp3.Embedding.Values) > 0.9, $"mp3 vs wav {Cosine(wav.Embedding.Values, mp3.Embedding.Values):F3}");
    }

    [Fact]
    public async Task EmbedSpeaker_Corrupt_InvalidArgumentNamingTheProblem()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = TestClips.Detected("OggS\0\u0002\0\0\0\0\0\0\0\0"u8.ToArray()) }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("audio: Unrecognised audio: an Ogg file", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedSpeaker_UnknownEncoder_NotFound()
    {
        var clip = models.SpeakFor(4, models.Preset("ava"));

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = TestClips.Wav(clip, models.SampleRate), EncoderVersion = "forge-speaker/v9" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("forge-speaker/v9", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedEmotion_Label_IsThePrototypeTimesStrength()
    {
        var response = await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { Label = "Sad", Strength = 0.5f } });

        Assert.Equal("sad", response.Emotion);
        Assert.Equal(0.5f, response.Strength);
        Assert.Equal(models.Emotion("sad", 0.5f), response.Embedding.Values.ToArray());
        Assert.Equal(1f, response.Distribution.Single(p => p.Label == "sad").Probability);
        Assert.Empty(response.Warnings);
    }

    [Fact]
    public async Task EmbedEmotion_UnknownLabel_NeutralWithWarningOrStrictError()
    {
        var lenient = await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { Label = "zorgle" } });
        var strict = await Assert.ThrowsAsync<RpcException>(async () => await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { Label = "zorgle" }, Strict = true }));

        Assert.Equal("neutral", lenient.Emotion);
        Assert.All(lenient.Embedding.Values, v => Assert.Equal(0f, v));
        Assert.Equal("EMOTION_FALLBACK_NEUTRAL", Assert.Single(lenient.Warnings).Code);
        Assert.Equal("emotion.label", lenient.Warnings[0].Field);
        Assert.Equal(StatusCode.InvalidArgument, strict.StatusCode);
        Assert.Contains("zorgle", strict.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedEmotion_WordForALabel_InterpretedWithWarning()
    {
        var response = await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { Label = "excited" } });

        Assert.Equal("happy", response.Emotion);
        Assert.Equal("EMOTION_LABEL_INTERPRETED", Assert.Single(response.Warnings).Code);
    }

    [Fact]
    public async Task EmbedEmotion_Description_DistributionStrengthAndEmbedding()
    {
        var response = await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { Description = "非常生气地质问" } });

        Assert.Equal("angry", response.Emotion);
        Assert.InRange(response.Strength, 0.85f, 1f);
        Assert.Equal(7, response.Distribution.Count);
        Assert.Equal(1f, response.Distribution.Sum(p => p.Probability), 3);
        var angry = models.Emotion("angry");
        Assert.True(Dot(response.Embedding.Values, angry) > 0.7, $"along angry: {Dot(response.Embedding.Values, angry):F3}");
    }

    [Fact]
    public async Task EmbedEmotion_ReferenceClip_RecognisesTheSpokenEmotion()
    {
        var clip = models.SpeakFor(5, models.Preset("dana"), models.Emotion("angry"));

        var response = await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { ReferenceAudio = TestClips.Wav(clip, models.SampleRate) } });

        Assert.Equal("angry", response.Emotion);
        Assert.InRange(response.Strength, 0.4f, 1f);
        Assert.NotNull(response.Quality);
        Assert.True(Dot(response.Embedding.Values, models.Emotion("angry")) > 0.4);
    }

    [Fact]
    public async Task EmbedEmotion_StrengthOutOfRange_InvalidArgument()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { Label = "happy", Strength = 1.5f } }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("emotion.strength:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MixEmotions_SadTowardsExcited_MovesStepByStep()
    {
        var sad = models.Emotion("sad");
        var happy = models.Emotion("happy");
        var alongSad = new List<double>();
        var alongHappy = new List<double>();
        var labels = new List<string>();
        for (var step = 0; step <= 4; step++)
        {
            var t = step / 4f;
            var mixture = new EmotionMixture();
            mixture.Components.Add(new EmotionComponent { Emotion = new EmotionSpec { Label = "sad" }, Weight = Math.Max(1 - t, 1e-3f) });
            mixture.Components.Add(new EmotionComponent { Emotion = new EmotionSpec { Label = "excited" }, Weight = Math.Max(t, 1e-3f) });
            var response = await Client.MixEmotionsAsync(new MixEmotionsRequest { Mixture = mixture });
            alongSad.Add(Dot(response.Embedding.Values, sad));
            alongHappy.Add(Dot(response.Embedding.Values, happy));
            labels.Add(response.Emotion);
            Assert.Equal(2, response.Components.Count);
            Assert.Equal(1f, response.Components.Sum(c => c.NormalizedWeight), 4);
        }

        Assert.Equal("sad", labels[0]);
        Assert.Equal("happy", labels[^1]);
        for (var i = 1; i < alongSad.Count; i++)
        {
            Assert.True(alongSad[i] < alongSad[i - 1] && alongHappy[i] > alongHappy[i - 1], $"step {i}: sad {alongSad[i]:F3}, happy {alongHappy[i]:F3}");
        }
    }

    [Theory]
    [InlineData(0, 1f, false, "at least one")]
    [InlineData(9, 1f, false, "at most 8")]
    [InlineData(2, 0f, false, "above 0")]
    [InlineData(2, 1f, true, "may not itself be a mixture")]
    public async Task MixEmotions_BadMixture_InvalidArgument(int count, float weight, bool nested, string expected)
    {
        var mixture = new EmotionMixture();
        for (var i = 0; i < count; i++)
        {
            var emotion = nested && i == 1 ? new EmotionSpec { Mixture = new EmotionMixture() } : new EmotionSpec { Label = "happy" };
            mixture.Components.Add(new EmotionComponent { Emotion = emotion, Weight = weight });
        }

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.MixEmotionsAsync(new MixEmotionsRequest { Mixture = mixture }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(expected, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedEmotion_MixtureWithDescriptionAndClip_Blends()
    {
        var clip = models.SpeakFor(4, models.Preset("eli"), models.Emotion("fearful"));
        var mixture = new EmotionMixture();
        mixture.Components.Add(new EmotionComponent { Emotion = new EmotionSpec { ReferenceAudio = TestClips.Wav(clip, models.SampleRate) }, Weight = 1 });
        mixture.Components.Add(new EmotionComponent { Emotion = new EmotionSpec { Description = "a bit surprised" }, Weight = 1 });

        var response = await Client.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { Mixture = mixture, Strength = 0.8f } });

        Assert.Equal(0.8f, response.Strength);
        var fearful = Dot(response.Embedding.Values, models.Emotion("fearful"));
        var surprised = Dot(response.Embedding.Values, models.Emotion("surprised"));
        Assert.True(fearful > 0.1 && surprised > 0.1, $"along fearful {fearful:F3}, surprised {surprised:F3}");
        Assert.True(response.Distribution.Single(p => p.Label == "surprised").Probability > 0.2);
    }

    private static double Dot(IEnumerable<float> a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);

    private static double Cosine(IEnumerable<float> a, IEnumerable<float> b)
    {
        var x = a.ToArray();
        var y = b.ToArray();
        return Dot(x, y) / Math.Sqrt(Dot(x, x) * Dot(y, y));
    }
}

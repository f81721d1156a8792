using Google.Protobuf;
using VoiceFleet.Audio.Analysis;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Synthesis.Tests.Support;
using Xunit;

namespace VoiceFleet.Synthesis.Tests;

[Collection(SynthesisFleetGroup.Name)]
public sealed class SynthesizeTests(SynthesisFleet fleet)
{
    private const string English = "The weather is lovely today. Let us walk to the river.";

    [Fact]
    public async Task Synthesize_EnglishText_ReturnsMarkedWavWithItsProvenance()
    {
        var response = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 7 });

        var (samples, rate) = Wav.Read(response.Audio.Data.ToByteArray());
        Assert.Equal(22050, rate);
        Assert.Equal(AudioFormat.WavPcm16, response.Audio.Format);
        Assert.InRange(response.AudioSeconds, 1.5, 12);
        Assert.Equal(samples.Length / (double)rate, response.AudioSeconds, 2);
        Assert.Equal("v21", response.Info.ModelVersion);
        Assert.Equal(Slot.Blue, response.Info.Slot);
        Assert.Equal(2, response.Info.SentenceCount);
        Assert.Equal(7ul, response.Info.Seed);
        Assert.True(response.Info.Watermark.Embedded);
        Assert.Contains(response.Info.StageTimings, s => s.Stage == "frontend");
        Assert.Contains(response.Info.StageTimings, s => s.Stage == "model");
        Assert.InRange(response.Info.RealTimeFactor, 0.0001, 1);
        Assert.Equal(0, response.Info.Quality.NonFiniteSamples);
        Assert.InRange(response.Info.Quality.LoudnessLufs, -40, -5);
        Assert.InRange(response.Info.Quality.SilenceRatio, 0, 0.6);
        Assert.Empty(response.Info.Warnings);

        var detected = await fleet.Client.DetectWatermarkAsync(new DetectWatermarkRequest { Audio = response.Audio });
        Assert.True(detected.Detected);
        Assert.Equal(response.Info.Watermark.Payload, detected.Payload);
        Assert.Equal("v21", detected.ModelVersion);
    }

    [Fact]
    public async Task Synthesize_MandarinGoldenSentence_SpeaksEverySyllableWithoutFallback()
    {
        var response = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = "银行的营业时间是上午九点到下午五点。", Seed = 1 });

        Assert.DoesNotContain(response.Info.Warnings, w => w.Code == "G2P_FALLBACK");
        Assert.InRange(response.AudioSeconds, 2, 15);
    }

    [Fact]
    public async Task Synthesize_SameSeed_SameSamples_OtherSeed_OtherSamples()
    {
        var request = new SynthesizeRequest { Text = English, Seed = 42, Format = AudioFormat.Float32 };

        var a = Wav.Float32((await fleet.Client.SynthesizeAsync(request)).Audio.Data.Span);
        var b = Wav.Float32((await fleet.Client.SynthesizeAsync(request)).Audio.Data.Span);
        var c = Wav.Float32((await fleet.Client.SynthesizeAsync(new SynthesizeRequest(request) { Seed = 43 })).Audio.Data.Span);

        // The same up to float rounding: a sentence padded into a different batch may differ in the last bits.
        Assert.Equal(a.Length, b.Length);
        var same = a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
        var other = a.Length != c.Length ? 1 : a.Zip(c).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(same < 1e-4, $"same seed differs by {same}");
        Assert.True(other > 1e-3, $"other seed differs by only {other}");
    }

    [Fact]
    public async Task Synthesize_Speed_ScalesTheDuration()
    {
        var normal = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, SentenceSilenceSeconds = 0 });
        var fast = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, SentenceSilenceSeconds = 0, Speed = 2 });

        Assert.InRange(fast.AudioSeconds / normal.AudioSeconds, 0.4, 0.65);
    }

    [Fact]
    public async Task Synthesize_TargetDuration_IsMetWithinTenPercent()
    {
        var response = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, TargetDurationSeconds = 6 });

        Assert.InRange(response.AudioSeconds, 5.4, 6.6);
    }

    [Fact]
    public async Task Synthesize_PitchShift_RaisesF0()
    {
        var plain = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 3, Format = AudioFormat.Float32 });
        var higher = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 3, Format = AudioFormat.Float32, PitchShiftSemitones = 5 });

        var before = new PitchTracker().Track(Wav.Float32(plain.Audio.Data.Span), 22050).Statistics.MedianHz;
        var after = new PitchTracker().Track(Wav.Float32(higher.Audio.Data.Span), 22050).Statistics.MedianHz;
        Assert.InRange(after / before, 1.25, 1.45);
        Assert.Equal(plain.AudioSeconds, higher.AudioSeconds, 2);
    }

    [Fact]
    public async Task Synthesize_OutputRateAndPcm16_ResampledAndStillMarked()
    {
        var response = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 5, SampleRateHz = 16000, Format = AudioFormat.Pcm16 });

        Assert.Equal(16000, response.Audio.SampleRateHz);
        Assert.Equal(response.AudioSeconds * 16000 * 2, response.Audio.Data.Length, 0);
        var detected = await fleet.Client.DetectWatermarkAsync(new DetectWatermarkRequest
        {
            Audio = new Contracts.V1.Audio { Data = response.Audio.Data, Format = AudioFormat.Pcm16, SampleRateHz = 16000, Channels = 1 },
        });
        Assert.True(detected.Detected);
        Assert.Equal(response.Info.Watermark.Payload, detected.Payload);
    }

    [Fact]
    public async Task Synthesize_PresetSpeakers_SoundDifferent()
    {
        var ava = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, Voice = new VoiceSpec { PresetSpeaker = "ava" }, Format = AudioFormat.Float32 });
        var ben = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, Voice = new VoiceSpec { PresetSpeaker = "ben" }, Format = AudioFormat.Float32 });

        var avaF0 = new PitchTracker().Track(Wav.Float32(ava.Audio.Data.Span), 22050).Statistics.MedianHz;
        var benF0 = new PitchTracker().Track(Wav.Float32(ben.Audio.Data.Span), 22050).Statistics.MedianHz;
        Assert.True(Math.Abs(avaF0 / benF0 - 1) > 0.2, $"ava {avaF0:0} Hz, ben {benF0:0} Hz");
    }

    [Fact]
    public async Task Synthesize_EmotionLabel_ChangesTheVoiceAndUnknownLabelFallsBackToNeutral()
    {
        var neutral = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, Format = AudioFormat.Float32 });
        var happy = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, Format = AudioFormat.Float32, Emotion = new EmotionSpec { Label = "happy", Strength = 1 } });
        var unknown = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 1, Format = AudioFormat.Float32, Emotion = new EmotionSpec { Label = "smug" } });

        Assert.NotEqual(neutral.Audio.Data, happy.Audio.Data);
        Assert.Contains(unknown.Info.Warnings, w => w.Field.StartsWith("emotion", StringComparison.Ordinal));
        var strict = await Assert.ThrowsAsync<RpcException>(() => fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Strict = true, Emotion = new EmotionSpec { Label = "smug" } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, strict.StatusCode);
    }

    [Fact]
    public async Task Synthesize_InlineReferenceClip_ClonesThatSpeaker()
    {
        // A clip of preset "eli" made by the service itself, then used as the reference for a new sentence.
        var reference = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = "Here is a clip of my own voice for you to copy.", Seed = 1, Voice = new VoiceSpec { PresetSpeaker = "eli" } });
        var eli = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = English, Seed = 2, Voice = new VoiceSpec { PresetSpeaker = "eli" }, Format = AudioFormat.Float32 });
        var cloned = await fleet.Client.SynthesizeAsync(new SynthesizeRequest
        {
            Text = English,
            Seed = 2,
            Format = AudioFormat.Float32,
            Voice = new VoiceSpec { Reference = new ReferenceVoice { Audio = reference.Audio, Transcript = "Here is a clip of my own voice for you to copy." } },
        });

        Assert.DoesNotContain(cloned.Info.Warnings, w => w.Code == "SPEAKER_FALLBACK_DEFAULT");
        var eliF0 = new PitchTracker().Track(Wav.Float32(eli.Audio.Data.Span), 22050).Statistics.MedianHz;
        var clonedF0 = new PitchTracker().Track(Wav.Float32(cloned.Audio.Data.Span), 22050).Statistics.MedianHz;
        Assert.InRange(clonedF0 / eliF0, 0.85, 1.15);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("   ", "text")]
    [InlineData("。！？……", "text")]
    public async Task Synthesize_EmptyOrPunctuationOnly_InvalidArgument(string text, string expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = text }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, SynthesizeRequest, StatusCode> BadRequests() => new()
    {
        { "speed", new SynthesizeRequest { Text = English, Speed = 3 }, StatusCode.InvalidArgument },
        { "pitch_shift_semitones", new SynthesizeRequest { Text = English, PitchShiftSemitones = 13 }, StatusCode.InvalidArgument },
        { "target_duration_seconds", new SynthesizeRequest { Text = English, TargetDurationSeconds = 5, Speed = 1.2f }, StatusCode.InvalidArgument },
        { "sentence_silence_seconds", new SynthesizeRequest { Text = English, SentenceSilenceSeconds = 9 }, StatusCode.InvalidArgument },
        { "sample_rate_hz", new SynthesizeRequest { Text = English, SampleRateHz = 4000 }, StatusCode.InvalidArgument },
        { "format", new SynthesizeRequest { Text = English, Format = AudioFormat.Mp3 }, StatusCode.InvalidArgument },
        { "text", new SynthesizeRequest { Text = new string('a', 5001) }, StatusCode.InvalidArgument },
        { "ssml", new SynthesizeRequest { Ssml = "<speak><s>unclosed</speak>" }, StatusCode.InvalidArgument },
        { "voice.preset_speaker", new SynthesizeRequest { Text = English, Voice = new VoiceSpec { PresetSpeaker = "nobody" } }, StatusCode.NotFound },
        { "voice_id", new SynthesizeRequest { Text = English, Voice = new VoiceSpec { VoiceId = "vc_00000000000000000000000000" } }, StatusCode.NotFound },
        { "voice.reference", new SynthesizeRequest { Text = English, Voice = new VoiceSpec { Reference = new ReferenceVoice { Audio = new Contracts.V1.Audio { Data = ByteString.CopyFromUtf8("not audio at all") } } } }, StatusCode.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Synthesize_BadInput_ClearStatusNeverInternal(string field, SynthesizeRequest request, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.Client.SynthesizeAsync(request).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        _ = field;
    }

    [Fact]
    public async Task Synthesize_DeadlineTooShort_DeadlineExceeded()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.Client.SynthesizeAsync(
            new SynthesizeRequest { Text = string.Join(" ", Enumerable.Repeat(English, 20)) },
            new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(30))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task ListModelVersions_ForgedStore_ListsEveryVersionAndTheServedOne()
    {
        var response = await fleet.Client.ListModelVersionsAsync(new ListModelVersionsRequest());

        Assert.Equal("v21", response.ServingVersion);
        Assert.Equal(Slot.Blue, response.Slot);
        Assert.Contains(response.Versions, v => v.Version == "v23");
        var served = Assert.Single(response.Versions, v => v.Version == "v21");
        Assert.True(served.Batchable);
        Assert.Contains("ava", served.PresetSpeakers);
        Assert.Equal(64, served.ManifestSha256.Length);
    }

    [Fact]
    public async Task ListVoices_Presets_DefaultMarked()
    {
        var response = await fleet.Client.ListVoicesAsync(new SynthesisListVoicesRequest());

        Assert.Contains(response.Voices, v => v.Id == "ava" && v.Kind == VoiceKind.Preset && v.IsDefault);
        Assert.Equal(5, response.Voices.Count(v => v.Kind == VoiceKind.Preset));
    }

    [Fact]
    public async Task DetectWatermark_UnmarkedOrShortAudio_NotDetectedOrInvalid()
    {
        var plain = VoiceFleet.Audio.Wav.WavWriter.ToBytes(Enumerable.Range(0, 44100).Select(i => (float)(0.3 * Math.Sin(i * 0.05))).ToArray(), 22050);
        var result = await fleet.Client.DetectWatermarkAsync(new DetectWatermarkRequest { Audio = new Contracts.V1.Audio { Data = ByteString.CopyFrom(plain) } });
        Assert.False(result.Detected);

        var shortClip = VoiceFleet.Audio.Wav.WavWriter.ToBytes(new float[8000], 22050);
        var error = await Assert.ThrowsAsync<RpcException>(() => fleet.Client.DetectWatermarkAsync(new DetectWatermarkRequest { Audio = new Contracts.V1.Audio { Data = ByteString.CopyFrom(shortClip) } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}

using Google.Protobuf;
using Microsoft.Extensions.Options;
using VoiceFleet.Audio.Decoding;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.ReferenceAudio;
using VoiceFleet.Encoders.Tests.Support;
using VoiceFleet.Rpc;
using Xunit;

namespace VoiceFleet.Encoders.Tests.ReferenceAudio;

public sealed class ReferenceAudioLoaderTests
{
    private static readonly ReferenceAudioLoader Loader = new(Options.Create(new ReferenceAudioOptions()));

    [Fact]
    public void Load_SpeechBetweenSilences_TrimsAndMeasures()
    {
        var samples = TestClips.SpeechLike(16000, lead: 1.0, speech: 5.0, tail: 1.5);

        var clip = Loader.Load(TestClips.Wav(samples, 16000), "audio", strict: false);

        var q = clip.Quality;
        Assert.Equal(7.5, q.InputSeconds, 3);
        Assert.InRange(q.LeadingSilenceSeconds, 0.9, 1.0);
        Assert.InRange(q.TrailingSilenceSeconds, 1.4, 1.5);
        Assert.InRange(q.SpeechSeconds, 4.6, 5.1);
        Assert.InRange(q.SpeechRatio, 0.9, 1.0);
        Assert.True(q.SnrDb > 40, $"SNR {q.SnrDb}");
        Assert.Equal(0, q.ClippingRatio);
        Assert.True(q.Recommended);
        Assert.Empty(clip.Warnings);
        Assert.Equal(16000, q.SourceSampleRateHz);
        Assert.Equal(1, q.SourceChannels);
        Assert.InRange(clip.Trimmed.Length / 16000.0, 5.0, 5.2);
    }

    [Fact]
    public void Load_NoisyShortClippedClip_WarnsForEach()
    {
        var samples = TestClips.SpeechLike(16000, 0.5, 2.0, 0.5, amplitude: 2.5, noise: 0.05);

        var clip = Loader.Load(TestClips.Wav(samples, 16000), "audio", strict: false);

        var codes = clip.Warnings.Select(w => w.Code).ToHashSet();
        Assert.Contains("REFERENCE_TOO_SHORT", codes);
        Assert.Contains("CLIPPING", codes);
        Assert.False(clip.Quality.Recommended);
        Assert.All(clip.Warnings, w => Assert.Equal("audio", w.Field));
    }

    [Fact]
    public void Load_NoisyClip_WarnsLowSnr()
    {
        var samples = TestClips.SpeechLike(16000, 1, 4, 1, amplitude: 0.3, noise: 0.05);

        var clip = Loader.Load(TestClips.Wav(samples, 16000), "audio", strict: false);

        Assert.Contains(clip.Warnings, w => w.Code == "LOW_SNR");
        Assert.True(clip.Quality.SnrDb < 15, $"SNR {clip.Quality.SnrDb}");
    }

    [Fact]
    public void Load_StrictOutsideRecommended_InvalidArgument()
    {
        var samples = TestClips.SpeechLike(16000, 0.2, 2.0, 0.2);

        var ex = Assert.Throws<RpcException>(() => Loader.Load(TestClips.Wav(samples, 16000), "audio", strict: true));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("strict", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NaNSample_NamesTheSample()
    {
        var samples = TestClips.SpeechLike(16000, 0.5, 4, 0.5);
        samples[12345] = float.NaN;
        var bytes = WavWriter.ToBytes(samples, 16000, format: WavSampleFormat.IeeeFloat32);

        var ex = Assert.Throws<RpcException>(() => Loader.Load(TestClips.Detected(bytes), "audio", strict: false));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("sample 12345", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("NaN", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InfiniteHeaderlessFloat_Refused()
    {
        var floats = new float[16000 * 3];
        floats[100] = float.PositiveInfinity;
        var bytes = new byte[floats.Length * 4];
        Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);

        var ex = Assert.Throws<RpcException>(() => Loader.Load(new VoiceFleet.Contracts.V1.Audio { Data = ByteString.CopyFrom(bytes), Format = AudioFormat.Float32, SampleRateHz = 16000 }, "audio", false));

        Assert.Contains("infinite", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "silent")]
    [InlineData(0.5, "only")]
    public void Load_TooLittleSpeech_InvalidArgument(double speech, string expected)
    {
        var samples = TestClips.SpeechLike(16000, 1, speech, 1);

        var ex = Assert.Throws<RpcException>(() => Loader.Load(TestClips.Wav(samples, 16000), "audio", false));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(expected, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LongerThanAccepted_NamesBothDurations()
    {
        var samples = TestClips.SpeechLike(8000, 0, 31, 0);

        var ex = Assert.Throws<RpcException>(() => Loader.Load(TestClips.Wav(samples, 8000), "audio", false));

        Assert.Contains("31.00 s", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("at most 30 s", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AbsurdSampleRate_InvalidArgument()
    {
        var samples = TestClips.SpeechLike(4000, 0.5, 4, 0.5);

        var ex = Assert.Throws<RpcException>(() => Loader.Load(TestClips.Wav(samples, 4000), "voice.reference.audio", false));

        Assert.StartsWith("voice.reference.audio: sample rate 4000 Hz", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 0 }, "PNG")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 100, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E', (byte)'f', (byte)'m' }, "truncated")]
    public void Load_WrongOrTruncatedFile_NamesTheProblem(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<RpcException>(() => Loader.Load(TestClips.Detected(bytes), "audio", false));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(expected, ex.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_EmptyAudio_InvalidArgument()
    {
        var ex = Assert.Throws<RpcException>(() => Loader.Load(new VoiceFleet.Contracts.V1.Audio(), "audio", false));

        Assert.Contains("empty", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HeaderlessWithoutRate_InvalidArgument()
    {
        var ex = Assert.Throws<RpcException>(() => Loader.Load(new VoiceFleet.Contracts.V1.Audio { Data = ByteString.CopyFrom(new byte[3200]), Format = AudioFormat.Pcm16 }, "audio", false));

        Assert.Contains("sample rate", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameSoundAsWavAndFlac_SameContentHash()
    {
        var samples = TestClips.SpeechLike(22050, 0.5, 4, 0.5);
        var wav = WavWriter.ToBytes(samples, 22050);
        var flac = SndfileCodec.Encode(WavReader.Read(wav).Samples, 22050, AudioContainer.Flac);

        var fromWav = Loader.Load(TestClips.Detected(wav), "audio", false);
        var fromFlac = Loader.Load(TestClips.Detected(flac), "audio", false);

        Assert.Equal(fromWav.ContentSha256, fromFlac.ContentSha256);
        Assert.Equal(64, fromWav.ContentSha256.Length);
    }

    [Fact]
    public void Load_StereoAt48kMp3_DecodesAndReportsTheSource()
    {
        var mono = TestClips.SpeechLike(48000, 0.5, 4, 0.5);
        var stereo = new float[mono.Length * 2];
        for (var i = 0; i < mono.Length; i++)
        {
            stereo[2 * i] = mono[i];
            stereo[(2 * i) + 1] = mono[i];
        }

        var clip = Loader.Load(TestClips.Detected(SndfileCodec.Encode(stereo, 48000, AudioContainer.Mp3, channels: 2)), "audio", false);

        Assert.Equal(48000, clip.Quality.SourceSampleRateHz);
        Assert.Equal(2, clip.Quality.SourceChannels);
        Assert.InRange(clip.Quality.SpeechSeconds, 3.6, 4.3);
    }
}

using System.Buffers.Binary;
using VoiceFleet.Audio.Analysis;
using VoiceFleet.Audio.Decoding;
using VoiceFleet.Audio.Wav;

namespace VoiceFleet.Audio.Tests.Decoding;

/// <summary>Every input encoding through the one decoder, with libmpg123 and libsndfile loaded in-process.</summary>
public sealed class AudioDecoderTests
{
    [Fact]
    public void Decode_FlacRoundTrip_SamplesWithinOneQuantisationStep()
    {
        var samples = TestSignals.Sine(440, 16000, 16000, amplitude: 0.6);
        var flac = SndfileCodec.Encode(samples, 16000, AudioContainer.Flac);

        var audio = AudioDecoder.Decode(flac);

        Assert.Equal(AudioContainer.Flac, AudioSniffer.Detect(flac));
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(samples.Length, audio.Samples.Length);
        Assert.True(samples.Zip(audio.Samples).Max(p => Math.Abs(p.First - p.Second)) <= 1.5 / 32768);
        Assert.True(flac.Length < samples.Length * 2, "FLAC should compress a pure tone below PCM16 size");
    }

    [Fact]
    public void Decode_StereoFlac_MixesToMonoAndReportsTwoChannels()
    {
        var left = TestSignals.Sine(300, 22050, 4410, amplitude: 0.5);
        var interleaved = new float[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
        {
            interleaved[2 * i] = left[i];
            interleaved[(2 * i) + 1] = -left[i] * 0.5f;
        }

        var audio = AudioDecoder.Decode(SndfileCodec.Encode(interleaved, 22050, AudioContainer.Flac, channels: 2));

        Assert.Equal(2, audio.Channels);
        Assert.Equal(left.Length, audio.Samples.Length);
        Assert.True(left.Zip(audio.Samples).Max(p => Math.Abs((p.First * 0.25f) - p.Second)) < 1e-3);
    }

    [Fact]
    public void Decode_Mp3RoundTrip_KeepsRateLengthAndPitch()
    {
        var samples = TestSignals.Sine(440, 44100, 44100 * 2, amplitude: 0.5);
        var mp3 = SndfileCodec.Encode(samples, 44100, AudioContainer.Mp3);

        var audio = AudioDecoder.Decode(mp3);

        Assert.Equal(AudioContainer.Mp3, AudioSniffer.Detect(mp3));
        Assert.Equal(44100, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 1.95, 2.15);
        var middle = audio.Samples.AsSpan(audio.Samples.Length / 4, audio.Samples.Length / 2);
        Assert.InRange(SignalStatistics.ZeroCrossingRate(middle) * 44100 / 2, 430, 450);
        Assert.InRange(SignalStatistics.RmsDbfs(middle), -10, -5);
    }

    [Fact]
    public void Decode_TruncatedFlac_FailsNamingFlac()
    {
        var flac = SndfileCodec.Encode(TestSignals.Sine(440, 16000, 16000), 16000, AudioContainer.Flac);

        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode(flac.AsSpan(0, 30)));

        Assert.Contains("FLAC", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Mp3SyncFollowedByGarbage_Fails()
    {
        var bytes = new byte[2000];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xFB;
        bytes[2] = 0x90;
        bytes[3] = 0x64;
        Array.Clear(bytes, 4, bytes.Length - 4);

        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode(bytes, AudioContainer.Mp3));

        Assert.Contains("MP3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DeclaredWavButFlac_NamesBoth()
    {
        var flac = SndfileCodec.Encode(TestSignals.Sine(440, 16000, 1600), 16000, AudioContainer.Flac);

        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode(flac, AudioContainer.Wav));

        Assert.Equal("The audio was declared WAV but is a FLAC file.", ex.Message);
    }

    [Fact]
    public void Decode_UnknownContent_SaysWhatItIs()
    {
        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode("OggS\0\u0002\0\0\0\0\0\0"u8));

        Assert.Contains("Ogg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Empty_Fails()
    {
        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode([]));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Pcm16Stereo_MixesAndScales()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt16LittleEndian(bytes, 16384);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2), 0);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(4), -32768);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(6), -32768);

        var audio = AudioDecoder.Decode(bytes, AudioContainer.Pcm16, sampleRate: 8000, channels: 2);

        Assert.Equal([0.25f, -1f], audio.Samples);
        Assert.Equal(2, audio.Channels);
    }

    [Fact]
    public void Decode_Pcm16WithoutRate_FailsNamingTheRate()
    {
        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode(new byte[10], AudioContainer.Pcm16));

        Assert.Contains("sample rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Float32PartialFrame_FailsAsTruncated()
    {
        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode(new byte[10], AudioContainer.PcmFloat, sampleRate: 16000));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LongerThanLimit_Fails()
    {
        var wav = WavWriter.ToBytes(new float[16000 * 3], 16000);

        var ex = Assert.Throws<AudioFormatException>(() => AudioDecoder.Decode(wav, limits: new DecodeLimits { MaxDuration = TimeSpan.FromSeconds(2) }));

        Assert.Contains("longer than the 2 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codecs_OnThisMachine_AreAvailable()
    {
        // deploy/local/apt-packages.txt installs both; a missing one must be set up, not skipped.
        Assert.True(Mpg123Decoder.IsAvailable, "libmpg123.so.0 is missing: run ./fleet setup (Debian package libmpg123-0)");
        Assert.True(SndfileCodec.IsAvailable, "libsndfile.so.1 is missing: run ./fleet setup (Debian package libsndfile1)");
        Assert.StartsWith("libsndfile-1.", SndfileCodec.Version, StringComparison.Ordinal);
    }
}

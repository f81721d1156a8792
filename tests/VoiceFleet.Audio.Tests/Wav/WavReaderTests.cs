using System.Buffers.Binary;
using System.Text;
using VoiceFleet.Audio.Wav;
using static VoiceFleet.Audio.Tests.Wav.WavBytes;

namespace VoiceFleet.Audio.Tests.Wav;

public sealed class WavReaderTests
{
    [Fact]
    public void Pcm16_RoundTripsWithinHalfAStep()
    {
        float[] samples = TestSignals.Noise(5000, 0.99);

        DecodedAudio audio = WavReader.Read(WavWriter.ToBytes(samples, 22050));

        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(1, audio.Channels);
        Assert.Equal(5000, audio.Samples.Length);
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.True(Math.Abs(samples[i] - audio.Samples[i]) <= 0.5 / 32768 + 1e-9, $"sample {i}");
        }

        Assert.Equal(TimeSpan.FromSeconds(5000 / 22050.0), audio.Duration);
    }

    [Fact]
    public void Float32Stereo_RoundTripsExactly_AndMixesToMono()
    {
        float[] interleaved = [0.5f, -0.5f, 0.2f, 0.4f, -1.25f, 0.25f];

        DecodedAudio audio = WavReader.Read(WavWriter.ToBytes(interleaved, 48000, 2, WavSampleFormat.IeeeFloat32));

        Assert.Equal(2, audio.Channels);
        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal([0f, 0.3f, -0.5f], audio.Samples);
    }

    [Fact]
    public void StreamAndFile_RoundTrip()
    {
        float[] samples = TestSignals.Sine(440, 16000, 1600);
        using var stream = new MemoryStream();
        WavWriter.Write(stream, samples, 16000);
        stream.Position = 0;
        Assert.Equal(1600, WavReader.Read(stream).Samples.Length);

        string path = Path.Combine(Path.GetTempPath(), $"voicefleet-audio-{Guid.NewGuid():N}.wav");
        try
        {
            WavWriter.WriteFile(path, samples, 16000, 1, WavSampleFormat.IeeeFloat32);
            Assert.Equal(samples, WavReader.ReadFile(path).Samples);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Pcm8_IsUnsignedAroundZero128()
    {
        DecodedAudio audio = WavReader.Read(Riff(Fmt(1, 1, 8000, 8), Data([128, 0, 255, 192])));

        Assert.Equal([0f, -1f, 127 / 128f, 0.5f], audio.Samples);
    }

    [Fact]
    public void Pcm24_And32_AreSignExtendedAndScaled()
    {
        byte[] pcm24 = [0x00, 0x00, 0x40, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF];
        Assert.Equal([0.5f, -1f, -1f / 8388608], WavReader.Read(Riff(Fmt(1, 1, 16000, 24), Data(pcm24))).Samples);

        byte[] pcm32 = [.. UInt32(0x40000000), .. UInt32(0x80000000)];
        Assert.Equal([0.5f, -1f], WavReader.Read(Riff(Fmt(1, 1, 16000, 32), Data(pcm32))).Samples);
    }

    [Fact]
    public void Float64_IsRead()
    {
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(data, 0.75);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), -0.125);

        Assert.Equal([0.75f, -0.125f], WavReader.Read(Riff(Fmt(3, 1, 44100, 64), Data(data))).Samples);
    }

    [Fact]
    public void Extensible_PcmAndFloat_AreRead()
    {
        byte[] stereo24 = [0x00, 0x00, 0x40, 0x00, 0x00, 0x20];
        DecodedAudio pcm = WavReader.Read(Riff(ExtensibleFmt(1, 2, 96000, 24, 20), Data(stereo24)));
        Assert.Equal(2, pcm.Channels);
        Assert.Equal(96000, pcm.SampleRate);
        Assert.Equal([0.375f], pcm.Samples);

        var floats = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(floats, -0.5f);
        Assert.Equal([-0.5f], WavReader.Read(Riff(ExtensibleFmt(3, 1, 16000, 32, 32), Data(floats))).Samples);
    }

    [Fact]
    public void UnknownChunks_AreSkipped_WithTheirPadByte()
    {
        byte[] list = Chunk("LIST", Encoding.ASCII.GetBytes("INFOISFT\x05\0\0\0abcde")); // odd size, padded
        byte[] junk = Chunk("junk", [1, 2, 3]);
        byte[] bytes = Riff(list, Fmt(1, 1, 16000, 16), junk, Chunk("fact", UInt32(2)), Data(Int16s(16384, -8192)), Chunk("cue ", [0]));

        Assert.Equal([0.5f, -0.25f], WavReader.Read(bytes).Samples);
    }

    [Fact]
    public void DataBeforeFmt_IsRead()
    {
        Assert.Equal([0.5f], WavReader.Read(Riff(Data(Int16s(16384)), Fmt(1, 1, 16000, 16))).Samples);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(1000u)]
    public void DataLongerThanTheFile_IsReadToTheLastWholeFrame(uint declared)
    {
        // Seven bytes of a declared 'declared': one whole stereo frame and three bytes of the next.
        byte[] bytes = Riff(Fmt(1, 2, 16000, 16), [.. Encoding.ASCII.GetBytes("data"), .. UInt32(declared), .. Int16s(16384, 16384, 100), 7]);

        DecodedAudio audio = WavReader.Read(bytes);

        Assert.Equal([0.5f], audio.Samples);
    }

    public static TheoryData<string, byte[], string> BrokenFiles() => new()
    {
        { "empty", [], "Truncated WAV header" },
        { "eleven bytes", Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAV"), "Truncated WAV header" },
        { "not RIFF", Encoding.ASCII.GetBytes("ID3\u0004\0\0\0\0\0\0\0\0\0\0\0\0"), "Not a RIFF file" },
        { "big-endian RIFX", Container("RIFX", "WAVE", Fmt(1, 1, 16000, 16)), "RIFX" },
        { "RIFF but AVI", Container("RIFF", "AVI ", Fmt(1, 1, 16000, 16)), "\"AVI \", not \"WAVE\"" },
        { "no fmt", Riff(Data(Int16s(1, 2))), "no fmt chunk" },
        { "no data", Riff(Fmt(1, 1, 16000, 16)), "no data chunk" },
        { "cut inside a chunk header", [.. Riff(Fmt(1, 1, 16000, 16)), (byte)'d', (byte)'a', (byte)'t'], "truncated" },
        { "zero-length data", Riff(Fmt(1, 1, 16000, 16), Data([])), "no audio" },
        { "less than one frame", Riff(Fmt(1, 2, 16000, 16), Data([1, 2])), "no audio" },
        { "MP3 tag", Riff(Fmt(0x55, 1, 16000, 16), Data(Int16s(1))), "0x0055 (MPEG Layer 3)" },
        { "mu-law tag", Riff(Fmt(7, 1, 8000, 8), Data([1])), "0x0007" },
        { "extensible, foreign GUID", Riff(ExtensibleFmt(1, 1, 16000, 16, 16, standardGuid: false), Data(Int16s(1))), "sub-format" },
        { "extensible, short fmt", Riff(Chunk("fmt ", [.. FmtBody(0xFFFE, 1, 16000, 16), .. UInt16(0)]), Data(Int16s(1))), "EXTENSIBLE needs 40 bytes" },
        { "rate 500", Riff(Fmt(1, 1, 500, 16), Data(Int16s(1))), "sample rate 500 Hz" },
        { "rate 400000", Riff(Fmt(1, 1, 400_000, 16), Data(Int16s(1))), "sample rate 400000 Hz" },
        { "block align", Riff(Fmt(1, 2, 16000, 16, blockAlign: 2), Data(Int16s(1, 2))), "block align is 2 bytes" },
        { "zero channels", Riff(Fmt(1, 0, 16000, 16, blockAlign: 2), Data(Int16s(1))), "0 channels" },
        { "12-bit PCM", Riff(Fmt(1, 1, 16000, 12, blockAlign: 2), Data(Int16s(1))), "12 bits" },
        { "16-bit float", Riff(Fmt(3, 1, 16000, 16), Data(Int16s(1))), "IEEE float sample size 16" },
        { "fmt of 14 bytes", Riff(Chunk("fmt ", new byte[14]), Data(Int16s(1))), "at least 16" },
        { "fmt past the end", Riff(Chunk("fmt ", FmtBody(1, 1, 16000, 16), declaredSize: 400)), "Truncated fmt chunk" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFiles_AreRejectedWithTheProblemNamed(string name, byte[] bytes, string expected)
    {
        var error = Assert.Throws<AudioFormatException>(() => WavReader.Read(bytes));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{name}: \"{error.Message}\" does not name \"{expected}\"");
    }

    [Fact]
    public void DecodedAudio_ChecksItsArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecodedAudio(0, 1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecodedAudio(16000, 0, []));
        Assert.Throws<ArgumentNullException>(() => new DecodedAudio(16000, 1, null!));
    }
}

using System.Buffers.Binary;
using System.Text;
using VoiceFleet.Audio.Wav;

namespace VoiceFleet.Audio.Tests.Wav;

public sealed class WavWriterTests
{
    [Fact]
    public void Pcm16_HasTheCanonical44ByteHeader()
    {
        byte[] bytes = WavWriter.ToBytes([0f, 0.5f, -0.5f], 16000);

        Assert.Equal(44 + 6, bytes.Length);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(bytes, 8, 8));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22)));
        Assert.Equal(16000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(32000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)));
        Assert.Equal("data", Encoding.ASCII.GetString(bytes, 36, 4));
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(16384, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(46)));
        Assert.Equal(-16384, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(48)));
    }

    [Theory]
    [InlineData(1.5f, 32767)]
    [InlineData(1f, 32767)]
    [InlineData(-1f, -32768)]
    [InlineData(-2f, -32768)]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 32767)]
    [InlineData(0.4f / 32768, 0)]
    [InlineData(0.6f / 32768, 1)]
    [InlineData(-0.6f / 32768, -1)]
    [InlineData(100.4f / 32768, 100)]
    public void Pcm16_RoundsAndClamps(float sample, short expected)
    {
        Assert.Equal(expected, WavWriter.ToPcm16(sample));
    }

    [Fact]
    public void Float32_WritesAFactChunkAndTheSamplesAsTheyAre()
    {
        byte[] bytes = WavWriter.ToBytes([0.25f, -1.5f, 0.125f, 0f], 48000, channels: 2, WavSampleFormat.IeeeFloat32);

        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22)));
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32)));
        Assert.Equal("fact", Encoding.ASCII.GetString(bytes, 38, 4));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(46)));
        Assert.Equal("data", Encoding.ASCII.GetString(bytes, 50, 4));
        Assert.Equal(-1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(62)));
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.ToBytes([0f], 999));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.ToBytes([0f], 400_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.ToBytes([0f], 16000, channels: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.ToBytes([0f], 16000, format: (WavSampleFormat)7));
        var odd = Assert.Throws<ArgumentException>(() => WavWriter.ToBytes([0f, 0f, 0f], 16000, channels: 2));
        Assert.Contains("2 channels", odd.Message, StringComparison.Ordinal);
    }
}

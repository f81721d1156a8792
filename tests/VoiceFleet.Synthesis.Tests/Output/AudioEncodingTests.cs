using System.Buffers.Binary;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Synthesis.Output;
using Xunit;

namespace VoiceFleet.Synthesis.Tests.Output;

public sealed class AudioEncodingTests
{
    private static readonly float[] Samples = [0f, 0.5f, -0.5f, 1f, -1f, 1.5f, -1.5f, float.NaN, 0.25f / 32768f, 3.5f / 32768f, -3.5f / 32768f, 0.123456f];

    [Fact]
    public void Chunk_WavRequest_CarriesTheSameValuesAsTheWholeWavFile()
    {
        var chunk = AudioEncoding.Chunk(Samples, AudioFormat.WavPcm16);
        var wav = AudioEncoding.Whole(Samples, 24_000, AudioFormat.WavPcm16);

        Assert.Equal(chunk, wav.AsSpan(wav.Length - chunk.Length).ToArray());
    }

    [Fact]
    public void Whole_Pcm16_ScalesBy32768ClampsAndWritesNaNAsZero()
    {
        var bytes = AudioEncoding.Whole(Samples, 24_000, AudioFormat.Pcm16);
        var values = Enumerable.Range(0, Samples.Length).Select(i => BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i))).ToArray();

        Assert.Equal(new short[] { 0, 16384, -16384, 32767, -32768, 32767, -32768, 0, 0, 4, -4, 4045 }, values);
    }
}

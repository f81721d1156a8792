using System.Buffers.Binary;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Synthesis.Output;

/// <summary>Samples to the bytes of an output format: PCM16 little-endian, float32 little-endian, or a WAV file of PCM16.</summary>
internal static class AudioEncoding
{
    /// <summary>Headerless bytes for a chunk: PCM16 for WAV and PCM16 requests, float32 for FLOAT32.</summary>
    public static byte[] Chunk(ReadOnlySpan<float> samples, AudioFormat format) => format == AudioFormat.Float32 ? Float32(samples) : Pcm16(samples);

    /// <summary>The whole clip in <paramref name="format"/>.</summary>
    public static byte[] Whole(ReadOnlySpan<float> samples, int sampleRate, AudioFormat format) => format switch
    {
        AudioFormat.WavPcm16 => WavWriter.ToBytes(samples, sampleRate, 1, WavSampleFormat.Pcm16),
        AudioFormat.Float32 => Float32(samples),
        _ => Pcm16(samples),
    };

    /// <summary>PCM16 scaled exactly as the WAV output is, so a streamed clip and a unary one carry the same values.</summary>
    public static byte[] Pcm16(ReadOnlySpan<float> samples)
    {
        var bytes = new byte[samples.Length * 2];
        WavWriter.WritePcm16(samples, bytes);
        return bytes;
    }

    public static byte[] Float32(ReadOnlySpan<float> samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), samples[i]);
        }

        return bytes;
    }
}

using System.Buffers.Binary;

namespace VoiceFleet.Audio.Decoding;

/// <summary>Headerless PCM: 16-bit signed or 32-bit float little-endian samples, channels interleaved, mixed to mono.</summary>
public static class RawPcmDecoder
{
    /// <summary>The most channels accepted.</summary>
    public const int MaxChannels = 64;

    /// <summary>Decodes headerless 16-bit signed little-endian PCM.</summary>
    /// <exception cref="AudioFormatException">No rate, a bad channel count, or a byte count that is not whole frames.</exception>
    public static DecodedAudio DecodePcm16(ReadOnlySpan<byte> bytes, int sampleRate, int channels) => Decode(bytes, sampleRate, channels, 2, "PCM16");

    /// <summary>Decodes headerless 32-bit IEEE float little-endian PCM (values are kept as they are, NaN included).</summary>
    /// <exception cref="AudioFormatException">No rate, a bad channel count, or a byte count that is not whole frames.</exception>
    public static DecodedAudio DecodeFloat32(ReadOnlySpan<byte> bytes, int sampleRate, int channels) => Decode(bytes, sampleRate, channels, 4, "FLOAT32");

    private static DecodedAudio Decode(ReadOnlySpan<byte> bytes, int sampleRate, int channels, int bytesPerSample, string name)
    {
        if (sampleRate <= 0)
        {
            throw new AudioFormatException($"Headerless {name} audio needs its sample rate: none was given.");
        }

        channels = channels == 0 ? 1 : channels;
        if (channels is < 1 or > MaxChannels)
        {
            throw new AudioFormatException($"Headerless {name} audio with {channels} channels: between 1 and {MaxChannels} are accepted.");
        }

        var frameBytes = bytesPerSample * channels;
        if (bytes.Length == 0)
        {
            throw new AudioFormatException($"The {name} audio is empty: zero bytes of samples.");
        }

        if (bytes.Length % frameBytes != 0)
        {
            throw new AudioFormatException($"The {name} audio has {bytes.Length} bytes, not a whole number of {frameBytes}-byte frames ({channels} channel(s) × {bytesPerSample} bytes): truncated or not {name}.");
        }

        var frames = bytes.Length / frameBytes;
        var mono = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < channels; c++)
            {
                var offset = (i * frameBytes) + (c * bytesPerSample);
                sum += bytesPerSample == 2
                    ? BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(offset, 2)) / 32768.0
                    : BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(offset, 4));
            }

            mono[i] = (float)(sum / channels);
        }

        return new DecodedAudio(sampleRate, channels, mono);
    }
}

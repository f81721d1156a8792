using System.Buffers.Binary;

namespace VoiceFleet.Audio.Wav;

/// <summary>Writes RIFF/WAVE files of 16-bit PCM or 32-bit float samples, mono or stereo.</summary>
public static class WavWriter
{
    /// <summary>The lowest sample rate written (as <see cref="WavReader"/> accepts).</summary>
    public const int MinSampleRate = 1000;

    /// <summary>The highest sample rate written (as <see cref="WavReader"/> accepts).</summary>
    public const int MaxSampleRate = 384_000;

    /// <summary>The file bytes of <paramref name="samples"/> (interleaved when stereo).</summary>
    /// <param name="samples">Samples in [-1, 1]; for stereo, left and right alternate.</param>
    /// <param name="sampleRate">Samples per second per channel, 1000 … 384000.</param>
    /// <param name="channels">1 or 2.</param>
    /// <param name="format">16-bit PCM (values beyond [-1, 1] are clamped, NaN written as 0) or 32-bit float.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate, channel count or format is out of range.</exception>
    /// <exception cref="ArgumentException">The sample count is not a multiple of the channel count, or the data exceeds 4 GiB.</exception>
    public static byte[] ToBytes(ReadOnlySpan<float> samples, int sampleRate, int channels = 1, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, MinSampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        if (format is not (WavSampleFormat.Pcm16 or WavSampleFormat.IeeeFloat32))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown WAV sample format.");
        }

        if (samples.Length % channels != 0)
        {
            throw new ArgumentException($"{samples.Length} samples do not divide into {channels} channels.", nameof(samples));
        }

        bool isFloat = format == WavSampleFormat.IeeeFloat32;
        int bytesPerSample = isFloat ? 4 : 2;
        long dataSize = (long)samples.Length * bytesPerSample;
        int fmtSize = isFloat ? 18 : 16;
        int factSize = isFloat ? 12 : 0; // non-PCM formats carry a fact chunk with the frame count
        long fileSize = 12 + 8 + fmtSize + factSize + 8 + dataSize + (dataSize & 1);
        if (fileSize > uint.MaxValue || fileSize > Array.MaxLength)
        {
            throw new ArgumentException($"{samples.Length} samples make {dataSize} bytes of data, more than a WAV file holds.", nameof(samples));
        }

        var bytes = new byte[fileSize];
        Span<byte> span = bytes;
        int p = 0;
        p = Ascii(span, p, "RIFF");
        p = UInt32(span, p, (uint)(fileSize - 8));
        p = Ascii(span, p, "WAVE");
        p = Ascii(span, p, "fmt ");
        p = UInt32(span, p, (uint)fmtSize);
        p = UInt16(span, p, (ushort)(isFloat ? 3 : 1));
        p = UInt16(span, p, (ushort)channels);
        p = UInt32(span, p, (uint)sampleRate);
        p = UInt32(span, p, (uint)(sampleRate * channels * bytesPerSample));
        p = UInt16(span, p, (ushort)(channels * bytesPerSample));
        p = UInt16(span, p, (ushort)(bytesPerSample * 8));
        if (isFloat)
        {
            p = UInt16(span, p, 0); // cbSize
            p = Ascii(span, p, "fact");
            p = UInt32(span, p, 4);
            p = UInt32(span, p, (uint)(samples.Length / channels));
        }

        p = Ascii(span, p, "data");
        p = UInt32(span, p, (uint)dataSize);
        Span<byte> data = span.Slice(p, (int)dataSize);
        if (isFloat)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data[(4 * i)..], samples[i]);
            }
        }
        else
        {
            WritePcm16(samples, data);
        }

        return bytes;
    }

    /// <summary>
    /// Headerless 16-bit little-endian PCM, scaled as in the WAV files written here (× 32768, rounded, clamped to the
    /// int16 range, NaN as 0), so raw PCM, streamed chunks and WAV files of the same samples carry the same values.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than two bytes per sample.</exception>
    public static void WritePcm16(ReadOnlySpan<float> samples, Span<byte> destination)
    {
        if (destination.Length < samples.Length * 2L)
        {
            throw new ArgumentException($"{samples.Length} samples need {samples.Length * 2L} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], ToPcm16(samples[i]));
        }
    }

    /// <summary>Writes the file bytes of <paramref name="samples"/> to <paramref name="destination"/>; see <see cref="ToBytes"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public static void Write(Stream destination, ReadOnlySpan<float> samples, int sampleRate, int channels = 1, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToBytes(samples, sampleRate, channels, format));
    }

    /// <summary>Writes a WAV file at <paramref name="path"/>, replacing any file there; see <see cref="ToBytes"/>.</summary>
    public static void WriteFile(string path, ReadOnlySpan<float> samples, int sampleRate, int channels = 1, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllBytes(path, ToBytes(samples, sampleRate, channels, format));
    }

    /// <summary>x · 32768 rounded to the nearest integer and clamped to the int16 range; NaN is 0.</summary>
    internal static short ToPcm16(float x)
    {
        if (float.IsNaN(x))
        {
            return 0;
        }

        double scaled = Math.Round(x * 32768.0);
        return (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
    }

    private static int Ascii(Span<byte> span, int p, string tag)
    {
        for (int i = 0; i < 4; i++)
        {
            span[p + i] = (byte)tag[i];
        }

        return p + 4;
    }

    private static int UInt16(Span<byte> span, int p, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[p..], value);
        return p + 2;
    }

    private static int UInt32(Span<byte> span, int p, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span[p..], value);
        return p + 4;
    }
}

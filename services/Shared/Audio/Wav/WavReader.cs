using System.Buffers.Binary;
using System.Globalization;

namespace VoiceFleet.Audio.Wav;

/// <summary>
/// Reads RIFF/WAVE files: integer PCM of 8 (unsigned), 16, 24 or 32 bits and IEEE float of 32 or 64 bits,
/// plain or as WAVE_FORMAT_EXTENSIBLE, any channel count mixed down to mono. Chunks other than
/// <c>fmt </c> and <c>data</c> (LIST, fact, cue, ...) are skipped, odd-sized chunks with their pad byte.
/// </summary>
/// <remarks>
/// A data chunk that claims more bytes than the file holds (streamed or cut-off files) is read up to
/// the last whole frame there is. Everything else that is wrong throws <see cref="AudioFormatException"/>.
/// </remarks>
public static class WavReader
{
    /// <summary>The lowest sample rate accepted.</summary>
    public const int MinSampleRate = 1000;

    /// <summary>The highest sample rate accepted.</summary>
    public const int MaxSampleRate = 384_000;

    /// <summary>The most channels accepted.</summary>
    public const int MaxChannels = 64;

    private const ushort FormatPcm = 1;
    private const ushort FormatIeeeFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    // The 14 bytes after the format tag in a KSDATAFORMAT_SUBTYPE_* GUID: xxxxxxxx-0000-0010-8000-00aa00389b71.
    private static ReadOnlySpan<byte> SubFormatTail => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Decodes the WAV file in <paramref name="bytes"/>.</summary>
    /// <exception cref="AudioFormatException">The bytes are not a WAV file this reader decodes; the message names the problem.</exception>
    public static DecodedAudio Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12)
        {
            throw new AudioFormatException($"Truncated WAV header: the file has {bytes.Length} bytes, and the RIFF header alone takes 12.");
        }

        string riff = Tag(bytes[..4]);
        if (riff != "RIFF")
        {
            throw new AudioFormatException(riff is "RIFX" or "RF64"
                ? $"Not a supported WAV file: {riff} containers are not read, only little-endian RIFF."
                : $"Not a RIFF file: it starts with \"{Printable(riff)}\" where \"RIFF\" belongs.");
        }

        string form = Tag(bytes.Slice(8, 4));
        if (form != "WAVE")
        {
            throw new AudioFormatException($"Not a WAV file: the RIFF form type is \"{Printable(form)}\", not \"WAVE\".");
        }

        WavFormat? format = null;
        int dataOffset = -1;
        int dataLength = 0;
        long position = 12;
        while (position + 8 <= bytes.Length)
        {
            int header = (int)position;
            string id = Tag(bytes.Slice(header, 4));
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(header + 4, 4));
            int body = header + 8;
            long available = bytes.Length - body;
            if (id == "fmt " && format is null)
            {
                if (size > available)
                {
                    throw new AudioFormatException($"Truncated fmt chunk: it declares {size} bytes and the file holds {available} after its header.");
                }

                format = ParseFormat(bytes.Slice(body, (int)size));
            }
            else if (id == "data" && dataOffset < 0)
            {
                dataOffset = body;
                dataLength = (int)Math.Min(size, available);
                if (size >= available)
                {
                    break; // the data runs to the end of the file
                }
            }

            if (format is not null && dataOffset >= 0)
            {
                break;
            }

            position = body + (long)size + (size & 1);
        }

        bool endsInsideHeader = position < bytes.Length && position + 8 > bytes.Length && (format is null || dataOffset < 0);
        string truncated = endsInsideHeader ? $" (the file ends inside a chunk header at byte {position}: truncated?)" : string.Empty;
        if (format is null)
        {
            throw new AudioFormatException($"Not a usable WAV file: it has no fmt chunk{truncated}.");
        }

        if (dataOffset < 0)
        {
            throw new AudioFormatException($"Not a usable WAV file: it has no data chunk{truncated}.");
        }

        int frames = dataLength / format.BlockAlign;
        if (frames == 0)
        {
            throw new AudioFormatException($"The data chunk holds {dataLength} bytes, less than one {format.BlockAlign}-byte frame: there is no audio.");
        }

        return new DecodedAudio(format.SampleRate, format.Channels, Decode(bytes.Slice(dataOffset, frames * format.BlockAlign), format, frames));
    }

    /// <summary>Decodes the WAV file read from <paramref name="source"/> to its end.</summary>
    /// <exception cref="AudioFormatException">The bytes are not a WAV file this reader decodes.</exception>
    public static DecodedAudio Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var buffer = new MemoryStream();
        source.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Decodes the WAV file at <paramref name="path"/>.</summary>
    /// <exception cref="AudioFormatException">The file is not a WAV file this reader decodes.</exception>
    public static DecodedAudio ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(File.ReadAllBytes(path));
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16)
        {
            throw new AudioFormatException($"Corrupt fmt chunk: it is {fmt.Length} bytes, and a WAV format takes at least 16.");
        }

        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (tag == FormatExtensible)
        {
            if (fmt.Length < 40)
            {
                throw new AudioFormatException($"Corrupt fmt chunk: WAVE_FORMAT_EXTENSIBLE needs 40 bytes, and it has {fmt.Length}.");
            }

            ReadOnlySpan<byte> subFormat = fmt.Slice(24, 16);
            if (!subFormat[2..].SequenceEqual(SubFormatTail))
            {
                throw new AudioFormatException($"Unsupported WAV format: WAVE_FORMAT_EXTENSIBLE with sub-format {new Guid(subFormat)}, not a PCM or IEEE float one.");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
        }

        if (tag is not (FormatPcm or FormatIeeeFloat))
        {
            throw new AudioFormatException(
                $"Unsupported WAV format tag 0x{tag:X4}{FormatName(tag)}; only PCM (1) and IEEE float (3), plain or extensible, are read.");
        }

        if (channels is < 1 or > MaxChannels)
        {
            throw new AudioFormatException($"Corrupt fmt chunk: {channels} channels; a WAV file has 1 to {MaxChannels}.");
        }

        if (sampleRate is < MinSampleRate or > MaxSampleRate)
        {
            throw new AudioFormatException($"Unsupported sample rate {sampleRate} Hz; it must be between {MinSampleRate} and {MaxSampleRate} Hz.");
        }

        bool supportedBits = tag == FormatPcm ? bits is 8 or 16 or 24 or 32 : bits is 32 or 64;
        if (!supportedBits)
        {
            throw new AudioFormatException(tag == FormatPcm
                ? $"Unsupported PCM sample size {bits} bits; 8, 16, 24 and 32 are read."
                : $"Unsupported IEEE float sample size {bits} bits; 32 and 64 are read.");
        }

        int expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign)
        {
            throw new AudioFormatException(
                $"Inconsistent fmt chunk: block align is {blockAlign} bytes, but {channels} channel(s) of {bits} bits take {expectedAlign}.");
        }

        return new WavFormat(tag == FormatIeeeFloat, channels, (int)sampleRate, bits, blockAlign);
    }

    private static float[] Decode(ReadOnlySpan<byte> data, WavFormat format, int frames)
    {
        var samples = new float[frames];
        int channels = format.Channels;
        int bytesPerSample = format.BitsPerSample / 8;
        double scale = 1.0 / channels;
        for (int f = 0; f < frames; f++)
        {
            ReadOnlySpan<byte> frame = data.Slice(f * format.BlockAlign, format.BlockAlign);
            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += ReadSample(frame.Slice(c * bytesPerSample, bytesPerSample), format);
            }

            samples[f] = (float)(sum * scale);
        }

        return samples;
    }

    private static double ReadSample(ReadOnlySpan<byte> s, WavFormat format)
    {
        if (format.IsFloat)
        {
            return format.BitsPerSample == 32
                ? BinaryPrimitives.ReadSingleLittleEndian(s)
                : BinaryPrimitives.ReadDoubleLittleEndian(s);
        }

        return format.BitsPerSample switch
        {
            8 => (s[0] - 128) / 128.0,
            16 => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768.0,
            24 => (((s[2] << 24) | (s[1] << 16) | (s[0] << 8)) >> 8) / 8388608.0,
            _ => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0,
        };
    }

    private static string Tag(ReadOnlySpan<byte> four)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            chars[i] = (char)four[i];
        }

        return new string(chars);
    }

    private static string Printable(string tag)
    {
        var builder = new System.Text.StringBuilder(tag.Length);
        foreach (char c in tag)
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
        }

        return builder.ToString();
    }

    private static string FormatName(ushort tag) => tag switch
    {
        0x0002 => " (Microsoft ADPCM)",
        0x0006 => " (A-law)",
        0x0007 => " (µ-law)",
        0x0011 => " (IMA ADPCM)",
        0x0031 => " (GSM 6.10)",
        0x0050 => " (MPEG)",
        0x0055 => " (MPEG Layer 3)",
        0xF1AC => " (FLAC)",
        _ => string.Empty,
    };
}

namespace VoiceFleet.Audio.Decoding;

/// <summary>
/// Tells audio containers apart by their first bytes: RIFF/WAVE, FLAC (<c>fLaC</c>), MP3 (an ID3v2 tag
/// or an MPEG audio frame header), and names the common types it does not decode, so an error can say
/// what a file is rather than only what it is not.
/// </summary>
public static class AudioSniffer
{
    /// <summary>The container of <paramref name="bytes"/>, or <see cref="AudioContainer.Unknown"/> when it is none this library decodes.</summary>
    public static AudioContainer Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return AudioContainer.Wav;
        }

        if (bytes.Length >= 4 && bytes[..4].SequenceEqual("fLaC"u8))
        {
            return AudioContainer.Flac;
        }

        if (bytes.Length >= 10 && bytes[..3].SequenceEqual("ID3"u8))
        {
            // An ID3v2 tag may precede FLAC as well as MPEG audio: look behind it.
            var size = (bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9];
            var after = 10 + size + ((bytes[5] & 0x10) != 0 ? 10 : 0);
            if (after + 4 <= bytes.Length && bytes.Slice(after, 4).SequenceEqual("fLaC"u8))
            {
                return AudioContainer.Flac;
            }

            return AudioContainer.Mp3;
        }

        if (IsMpegFrameHeader(bytes))
        {
            return AudioContainer.Mp3;
        }

        return AudioContainer.Unknown;
    }

    /// <summary>A short name for what <paramref name="bytes"/> looks like (for error messages), e.g. "an Ogg file", "a RIFF file of form AVI ".</summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "no bytes at all";
        }

        return Detect(bytes) switch
        {
            AudioContainer.Wav => "a WAV file",
            AudioContainer.Flac => "a FLAC file",
            AudioContainer.Mp3 => "an MP3 file",
            _ => DescribeOther(bytes),
        };
    }

    private static string DescribeOther(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 4 && bytes[..4].SequenceEqual("OggS"u8))
        {
            return "an Ogg file (Vorbis or Opus)";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("FORM"u8) && (bytes.Slice(8, 4).SequenceEqual("AIFF"u8) || bytes.Slice(8, 4).SequenceEqual("AIFC"u8)))
        {
            return "an AIFF file";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8))
        {
            return $"a RIFF file of form \"{Printable(bytes.Slice(8, 4))}\", not WAVE";
        }

        if (bytes.Length >= 4 && (bytes[..4].SequenceEqual("RIFX"u8) || bytes[..4].SequenceEqual("RF64"u8)))
        {
            return $"a {Printable(bytes[..4])} file (big-endian or 64-bit WAV, not read)";
        }

        if (bytes.Length >= 12 && bytes.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return "an MP4/M4A file";
        }

        if (bytes.Length >= 4 && bytes[0] == 0x1A && bytes[1] == 0x45 && bytes[2] == 0xDF && bytes[3] == 0xA3)
        {
            return "a Matroska/WebM file";
        }

        if (bytes.Length >= 4 && bytes[..4].SequenceEqual(".snd"u8))
        {
            return "a Sun/NeXT .au file";
        }

        if (bytes.Length >= 4 && bytes[..4].SequenceEqual("%PDF"u8))
        {
            return "a PDF document";
        }

        if (bytes.Length >= 8 && bytes[0] == 0x89 && bytes.Slice(1, 3).SequenceEqual("PNG"u8))
        {
            return "a PNG image";
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "a JPEG image";
        }

        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            return "a gzip archive";
        }

        if (bytes.Length >= 4 && bytes[..4].SequenceEqual("PK\u0003\u0004"u8))
        {
            return "a ZIP archive";
        }

        return $"unknown content starting with {Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)])}";
    }

    /// <summary>True when the first four bytes are a plausible MPEG audio frame header (sync, version, layer, bitrate and rate indices).</summary>
    private static bool IsMpegFrameHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (bytes[1] >> 3) & 0x3;
        var layer = (bytes[1] >> 1) & 0x3;
        var bitrate = (bytes[2] >> 4) & 0xF;
        var rate = (bytes[2] >> 2) & 0x3;
        return version != 1 && layer != 0 && bitrate != 0xF && rate != 0x3;
    }

    private static string Printable(ReadOnlySpan<byte> tag)
    {
        Span<char> chars = stackalloc char[tag.Length];
        for (var i = 0; i < tag.Length; i++)
        {
            chars[i] = tag[i] is >= 0x20 and < 0x7F ? (char)tag[i] : '?';
        }

        return new string(chars);
    }
}

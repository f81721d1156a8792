using System.Buffers.Binary;
using System.Text;

namespace VoiceFleet.Audio.Tests.Wav;

/// <summary>Builds WAV files byte by byte, right or deliberately wrong.</summary>
internal static class WavBytes
{
    public static byte[] Riff(params byte[][] chunks) => Container("RIFF", "WAVE", chunks);

    public static byte[] Container(string riff, string form, params byte[][] chunks)
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(form), .. chunks.SelectMany(c => c)];
        return [.. Encoding.ASCII.GetBytes(riff), .. UInt32((uint)body.Length), .. body];
    }

    /// <summary>A chunk with its header and, when the body is odd, the pad byte.</summary>
    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        byte[] pad = body.Length % 2 == 1 ? [0] : [];
        return [.. Encoding.ASCII.GetBytes(id), .. UInt32(declaredSize ?? (uint)body.Length), .. body, .. pad];
    }

    public static byte[] Fmt(ushort tag, ushort channels, uint sampleRate, ushort bits, ushort? blockAlign = null) =>
        Chunk("fmt ", FmtBody(tag, channels, sampleRate, bits, blockAlign));

    public static byte[] FmtBody(ushort tag, ushort channels, uint sampleRate, ushort bits, ushort? blockAlign = null)
    {
        ushort align = blockAlign ?? (ushort)(channels * bits / 8);
        return [.. UInt16(tag), .. UInt16(channels), .. UInt32(sampleRate), .. UInt32(sampleRate * align), .. UInt16(align), .. UInt16(bits)];
    }

    /// <summary>A WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID carries <paramref name="subFormat"/>.</summary>
    public static byte[] ExtensibleFmt(ushort subFormat, ushort channels, uint sampleRate, ushort bits, ushort validBits, bool standardGuid = true)
    {
        byte[] guidTail = standardGuid
            ? [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
            : [0x00, 0x00, 0x12, 0x34, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        byte[] body =
        [
            .. FmtBody(0xFFFE, channels, sampleRate, bits),
            .. UInt16(22), .. UInt16(validBits), .. UInt32(channels == 2 ? 3u : 4u),
            .. UInt16(subFormat), .. guidTail,
        ];
        return Chunk("fmt ", body);
    }

    public static byte[] Data(byte[] samples, uint? declaredSize = null) => Chunk("data", samples, declaredSize);

    public static byte[] Int16s(params short[] values) => values.SelectMany(v => UInt16((ushort)v)).ToArray();

    public static byte[] UInt16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}

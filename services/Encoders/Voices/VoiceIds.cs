using System.Security.Cryptography;

namespace VoiceFleet.Encoders.Voices;

/// <summary>
/// Voice ids: <c>vc_</c> and 26 Crockford base-32 characters, a 48-bit millisecond timestamp followed by
/// 80 random bits (the ULID layout), so ids sort by creation time and never collide in practice.
/// </summary>
internal static class VoiceIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const string Prefix = "vc_";

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create(Alphabet);

    public static string New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)now.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> chars = stackalloc char[26];
        var value = new UInt128(
            ((ulong)bytes[0] << 56) | ((ulong)bytes[1] << 48) | ((ulong)bytes[2] << 40) | ((ulong)bytes[3] << 32) | ((ulong)bytes[4] << 24) | ((ulong)bytes[5] << 16) | ((ulong)bytes[6] << 8) | bytes[7],
            ((ulong)bytes[8] << 56) | ((ulong)bytes[9] << 48) | ((ulong)bytes[10] << 40) | ((ulong)bytes[11] << 32) | ((ulong)bytes[12] << 24) | ((ulong)bytes[13] << 16) | ((ulong)bytes[14] << 8) | bytes[15]);
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return Prefix + new string(chars);
    }

    /// <summary>True for something shaped like a voice id (checked before any lookup).</summary>
    public static bool IsWellFormed(string id) =>
        id.Length == Prefix.Length + 26 && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Digits) < 0;
}

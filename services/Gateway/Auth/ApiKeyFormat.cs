using System.Security.Cryptography;
using System.Text;

namespace VoiceFleet.Gateway.Auth;

/// <summary>
/// API keys look like <c>vfk_&lt;id&gt;.&lt;secret&gt;</c>: a public id used to find the stored entry, and a
/// 256-bit random secret (base64url). Only the SHA-256 of the whole key is stored.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Prefix = "vfk_";

    /// <summary>Splits a presented key into its id; false when it is not shaped like a key.</summary>
    public const int MaxLength = 256;

    public static bool TryGetId(ReadOnlySpan<char> key, out ReadOnlySpan<char> id)
    {
        id = default;
        if (key.Length > MaxLength || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key[Prefix.Length..];
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1)
        {
            return false;
        }

        id = rest[..dot];
        return true;
    }

    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The SHA-256 of the key's UTF-8 bytes, written into <paramref name="hash"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<char> key, Span<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxLength);
        Span<byte> utf8 = stackalloc byte[MaxLength * 3];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        SHA256.HashData(utf8[..length], hash);
    }

    /// <summary>The lower-case hex SHA-256 of a key, as the keys file stores it.</summary>
    public static string HashHex(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        Hash(key, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>A new key with a random id and secret.</summary>
    public static string Create()
    {
        Span<byte> id = stackalloc byte[6];
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(id);
        RandomNumberGenerator.Fill(secret);
        return Prefix + Convert.ToHexStringLower(id) + "." + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

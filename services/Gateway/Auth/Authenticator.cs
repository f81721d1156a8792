using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace VoiceFleet.Gateway.Auth;

/// <summary>The outcome of checking a request's key.</summary>
internal enum AuthOutcome
{
    Ok,
    Missing,
    Invalid,
}

/// <summary>
/// Finds the key a request presents (<c>authorization: Bearer vfk_...</c>, <c>x-api-key: vfk_...</c>, or HTTP Basic
/// with the key as the password, which is what a browser sends for the console) and
/// checks it: look-up by its public id, then a constant-time comparison of SHA-256 hashes. An unknown id
/// is compared against a dummy hash too, so the timing says nothing about which ids exist.
/// </summary>
internal sealed class Authenticator(ApiKeyStore store)
{
    public const string ApiKeyHeader = "x-api-key";

    private static readonly byte[] DummyHash = new byte[32];

    public AuthOutcome Authenticate(IHeaderDictionary headers, out ApiKey? key)
    {
        key = null;
        var presented = Presented(headers);
        if (presented.IsEmpty)
        {
            return AuthOutcome.Missing;
        }

        if (!ApiKeyFormat.TryGetId(presented, out var id))
        {
            return AuthOutcome.Invalid;
        }

        store.TryGet(id, out var candidate);
        Span<byte> hash = stackalloc byte[32];
        ApiKeyFormat.Hash(presented, hash);
        var matches = CryptographicOperations.FixedTimeEquals(hash, candidate?.Sha256 ?? DummyHash);
        if (!matches || candidate is null)
        {
            return AuthOutcome.Invalid;
        }

        key = candidate;
        return AuthOutcome.Ok;
    }

    /// <summary>The password of <c>Basic base64(user:password)</c> (the user name is ignored; a key alone in the user field works too).</summary>
    private static ReadOnlySpan<char> BasicPassword(ReadOnlySpan<char> encoded)
    {
        if (encoded.Length > ApiKeyFormat.MaxLength * 2)
        {
            return "invalid";
        }

        Span<byte> bytes = stackalloc byte[ApiKeyFormat.MaxLength * 2];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return "invalid";
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var password = colon < 0 ? text : text[(colon + 1)..];
        return (password.Length > 0 ? password : colon > 0 ? text[..colon] : text).AsSpan().Trim();
    }

    private static ReadOnlySpan<char> Presented(IHeaderDictionary headers)
    {
        StringValues authorization = headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value)
        {
            var span = value.AsSpan().Trim();
            if (span.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return span[7..].Trim();
            }

            if (span.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return BasicPassword(span[6..].Trim());
            }
        }

        StringValues apiKey = headers[ApiKeyHeader];
        return apiKey.Count == 1 && apiKey[0] is { } key ? key.AsSpan().Trim() : default;
    }
}

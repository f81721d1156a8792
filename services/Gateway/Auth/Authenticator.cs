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
/// Finds the key a request presents (<c>authorization: Bearer vfk_...</c> or <c>x-api-key: vfk_...</c>) and
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
        }

        StringValues apiKey = headers[ApiKeyHeader];
        return apiKey.Count == 1 && apiKey[0] is { } key ? key.AsSpan().Trim() : default;
    }
}

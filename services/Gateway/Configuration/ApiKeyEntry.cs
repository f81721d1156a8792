using System.Text.Json.Serialization;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>One API key as stored: its public id, the SHA-256 of the whole key, its roles and optional own rate limit. The key itself is never stored.</summary>
internal sealed class ApiKeyEntry
{
    /// <summary>The key's public id (the part of the key between <c>vfk_</c> and the dot); also the caller identity passed to the services.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>A label for people.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the UTF-8 key.</summary>
    [JsonPropertyName("sha256")]
    public string Sha256 { get; set; } = "";

    /// <summary><c>synthesize</c>, <c>clone</c>, <c>enroll</c>, <c>tester</c>, <c>release-admin</c>.</summary>
    [JsonPropertyName("roles")]
    public List<string> Roles { get; set; } = [];

    /// <summary>Requests per second for this key; 0 = the gateway's default.</summary>
    [JsonPropertyName("requestsPerSecond")]
    public double RequestsPerSecond { get; set; }

    /// <summary>Bucket size for this key; 0 = the gateway's default.</summary>
    [JsonPropertyName("burst")]
    public int Burst { get; set; }

    /// <summary>A problem with the entry, or null.</summary>
    public static string? Check(ApiKeyEntry entry)
    {
        if (!Auth.ApiKeyFormat.IsValidId(entry.Id))
        {
            return $"id '{entry.Id}' must be 1 to 64 characters of [a-z0-9-].";
        }

        if (entry.Sha256.Length != 64 || !entry.Sha256.All(Uri.IsHexDigit))
        {
            return $"key '{entry.Id}': sha256 must be 64 hex digits.";
        }

        foreach (var role in entry.Roles)
        {
            if (!Auth.ApiRolesText.TryParse(role, out _))
            {
                return $"key '{entry.Id}': unknown role '{role}' (synthesize, clone, enroll, tester, release-admin).";
            }
        }

        if (entry.RequestsPerSecond < 0 || entry.Burst < 0)
        {
            return $"key '{entry.Id}': requestsPerSecond and burst must not be negative.";
        }

        return null;
    }
}

namespace VoiceFleet.Gateway.Auth;

/// <summary>An accepted key as the gateway holds it: id, hash, roles and its own rate limit (0 = default).</summary>
internal sealed record ApiKey(string Id, string Name, byte[] Sha256, ApiRoles Roles, double RequestsPerSecond, int Burst)
{
    public bool Has(ApiRoles role) => (Roles & role) == role;
}

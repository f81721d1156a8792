namespace VoiceFleet.Gateway.Auth;

/// <summary>The role names of the keys file and the CLI.</summary>
internal static class ApiRolesText
{
    private static readonly (ApiRoles Role, string Name)[] Names =
    [
        (ApiRoles.Synthesize, "synthesize"),
        (ApiRoles.Clone, "clone"),
        (ApiRoles.Enroll, "enroll"),
        (ApiRoles.Tester, "tester"),
        (ApiRoles.ReleaseAdmin, "release-admin"),
    ];

    // Every combination of the five roles, formatted once: the roles header is set on every proxied request.
    private static readonly string[] HeaderValues = [.. Enumerable.Range(0, 32).Select(i => string.Join(',', Names.Where(n => (i & (int)n.Role) != 0).Select(n => n.Name)))];

    /// <summary>The roles as the <c>x-voicefleet-roles</c> header carries them: names joined by commas, empty for none.</summary>
    public static string Header(ApiRoles roles) => HeaderValues[(int)roles & 0x1F];

    public static bool TryParse(string? text, out ApiRoles role)
    {
        foreach (var (r, name) in Names)
        {
            if (string.Equals(text?.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }

        role = ApiRoles.None;
        return false;
    }

    /// <summary>The role names, for messages: <c>synthesize</c> or <c>synthesize+clone</c>.</summary>
    public static string Format(ApiRoles roles)
    {
        var parts = Names.Where(n => (roles & n.Role) != 0).Select(n => n.Name).ToArray();
        return parts.Length == 0 ? "(none)" : string.Join('+', parts);
    }
}

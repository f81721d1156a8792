using VoiceFleet.ReleaseController.Grpc;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>
/// Who is asking, as the gateway says: the key id (<c>x-voicefleet-caller</c>) and its roles
/// (<c>x-voicefleet-roles</c>); both are headers the gateway removes from clients and sets itself. A request without
/// them did not come through the gateway and gets <see cref="ConsoleOptions.DirectRoles"/>.
/// </summary>
internal sealed record ConsoleCaller(string Id, bool ViaGateway, IReadOnlySet<string> Roles)
{
    public const string RolesHeader = "x-voicefleet-roles";
    public const string ReleaseAdmin = "release-admin";
    public const string Synthesize = "synthesize";
    public const string CloneRole = "clone";

    public static readonly string[] KnownRoles = [Synthesize, CloneRole, "enroll", "tester", ReleaseAdmin];

    public bool IsAdmin => Roles.Contains(ReleaseAdmin);

    public bool CanSynthesize => Roles.Contains(Synthesize);

    public bool CanClone => Roles.Contains(CloneRole);

    public static ConsoleCaller From(HttpContext context, ConsoleOptions options)
    {
        var caller = context.Request.Headers[ReleaseControlService.CallerHeader].ToString();
        if (caller.Length == 0)
        {
            return new ConsoleCaller("local", false, new HashSet<string>(options.DirectRoles, StringComparer.Ordinal));
        }

        var roles = context.Request.Headers[RolesHeader].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        return new ConsoleCaller(caller, true, roles);
    }
}

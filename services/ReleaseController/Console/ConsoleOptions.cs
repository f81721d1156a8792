using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>The web console; configuration section <c>ReleaseController:Console</c>.</summary>
public sealed class ConsoleOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReleaseController:Console";

    /// <summary>
    /// Roles of a request that did not come through the gateway (no <c>x-voicefleet-caller</c>): someone on the
    /// controller's own loopback port. Empty (the default) = read-only; the local fleet's users go through the gateway.
    /// </summary>
    public string[] DirectRoles { get; set; } = [];

    /// <summary>How often the Releases page asks for the current release, milliseconds.</summary>
    [Range(200, 60_000)]
    public int RefreshMilliseconds { get; set; } = 1000;

    /// <summary>How long an unrated listening trial (its two clips) is kept.</summary>
    public TimeSpan TrialLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Listening trials kept at once; the oldest goes first.</summary>
    [Range(1, 10_000)]
    public int MaxTrials { get; set; } = 200;

    /// <summary>Longest text the playground synthesises.</summary>
    [Range(1, 100_000)]
    public int MaxPlaygroundChars { get; set; } = 600;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TrialLifetime <= TimeSpan.Zero || TrialLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("TrialLifetime must be over 0 and at most one day.", [nameof(TrialLifetime)]);
        }

        foreach (var role in DirectRoles ?? [])
        {
            if (!ConsoleCaller.KnownRoles.Contains(role, StringComparer.Ordinal))
            {
                yield return new ValidationResult($"DirectRoles: unknown role '{role}' ({string.Join(", ", ConsoleCaller.KnownRoles)}).", [nameof(DirectRoles)]);
            }
        }
    }
}

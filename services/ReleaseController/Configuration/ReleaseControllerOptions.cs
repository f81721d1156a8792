using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.ReleaseController.Configuration;

/// <summary>Plan defaults and the engine's pace; configuration section <c>ReleaseController</c>.</summary>
public sealed class ReleaseControllerOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReleaseController";

    /// <summary>The stable slot of a store that has never routed (<c>blue</c> or <c>green</c>).</summary>
    [Required]
    [RegularExpression("^(?i)(blue|green)$", ErrorMessage = "InitialStableSlot must be 'blue' or 'green'.")]
    public string InitialStableSlot { get; set; } = "blue";

    /// <summary>Canary weights of the default plan, basis points, strictly increasing, the last 10000.</summary>
    public int[] DefaultStepsBps { get; set; } = [100, 500, 2000, 5000, 10000];

    /// <summary>Observation window of each default step.</summary>
    public TimeSpan DefaultWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Failed windows that roll back, when the plan says 0.</summary>
    [Range(1, 1000)]
    public int DefaultFailureLimit { get; set; } = 1;

    /// <summary>Inconclusive windows in a row before the inconclusive action, when the plan says 0.</summary>
    [Range(1, 1000)]
    public int DefaultInconclusiveLimit { get; set; } = 3;

    /// <summary>What the inconclusive limit does when the plan leaves it unspecified: <c>pause</c> or <c>fail</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(pause|fail)$", ErrorMessage = "DefaultInconclusiveAction must be 'pause' or 'fail'.")]
    public string DefaultInconclusiveAction { get; set; } = "pause";

    /// <summary>How often a standby replica (PostgreSQL, not the leader) re-reads routing and tries to lead.</summary>
    public TimeSpan StandbyPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultStepsBps is null || DefaultStepsBps.Length == 0)
        {
            yield return new ValidationResult("DefaultStepsBps needs at least one weight.", [nameof(DefaultStepsBps)]);
        }
        else
        {
            for (var i = 0; i < DefaultStepsBps.Length; i++)
            {
                if (DefaultStepsBps[i] is < 1 or > 10000 || (i > 0 && DefaultStepsBps[i] <= DefaultStepsBps[i - 1]))
                {
                    yield return new ValidationResult("DefaultStepsBps must be strictly increasing weights in 1..10000.", [nameof(DefaultStepsBps)]);
                    break;
                }
            }
        }

        if (DefaultWindow <= TimeSpan.Zero || DefaultWindow > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("DefaultWindow must be over 0 and at most one day.", [nameof(DefaultWindow)]);
        }

        if (StandbyPollInterval <= TimeSpan.Zero || StandbyPollInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("StandbyPollInterval must be over 0 and at most 5 minutes.", [nameof(StandbyPollInterval)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>How the gateway gets, keeps and applies routing; section <c>Gateway:Routing</c>.</summary>
internal sealed class RoutingOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Routing";

    /// <summary>
    /// File the last routing snapshot is written to, and read at start while the controller cannot be
    /// reached. Empty: nothing is persisted (a restart with the controller down sends everything to stable).
    /// </summary>
    public string StatePath { get; set; } = "";

    /// <summary>This replica's name in the controller's logs; empty = the machine name.</summary>
    [MaxLength(128)]
    public string GatewayId { get; set; } = "";

    /// <summary>Watch the controller for routing; off, the persisted routing (or all-stable) stays in force.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>First delay before reconnecting a broken routing watch; doubled up to <see cref="WatchRetryMax"/>, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan WatchRetryInitial { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between reconnection attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan WatchRetryMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Optional rules a request must satisfy to be served by the canary (after the sticky bucket chose it);
    /// a request failing any rule goes to stable. Tester overrides skip them.
    /// </summary>
    public List<TrackRuleOptions> CanaryRules { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WatchRetryMax < WatchRetryInitial)
        {
            yield return new ValidationResult("WatchRetryMax must not be shorter than WatchRetryInitial.", [nameof(WatchRetryMax)]);
        }

        for (var i = 0; i < CanaryRules.Count; i++)
        {
            var rule = CanaryRules[i];
            if (string.IsNullOrWhiteSpace(rule.Header) || rule.Header.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                yield return new ValidationResult($"CanaryRules:{i}:Header must be a header name.", [nameof(CanaryRules)]);
            }

            if (rule.AllowedValues.Count == 0)
            {
                yield return new ValidationResult($"CanaryRules:{i}:AllowedValues must list at least one value.", [nameof(CanaryRules)]);
            }
        }
    }
}

/// <summary>A canary rule: the request header <see cref="Header"/> must hold one of <see cref="AllowedValues"/> (ordinal, case-insensitive).</summary>
internal sealed class TrackRuleOptions
{
    /// <summary>The header, e.g. <c>x-region</c>.</summary>
    public string Header { get; set; } = "";

    /// <summary>Values that let a request onto the canary, e.g. <c>eu-west-1</c>.</summary>
    public List<string> AllowedValues { get; set; } = [];
}

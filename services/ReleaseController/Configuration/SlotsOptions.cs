using System.ComponentModel.DataAnnotations;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Configuration;

/// <summary>Where the two synthesis slots answer; configuration section <c>ReleaseController:Slots</c>.</summary>
public sealed class SlotsOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReleaseController:Slots";

    /// <summary>Slot <c>blue</c>.</summary>
    public SlotEndpoint Blue { get; set; } = new();

    /// <summary>Slot <c>green</c>.</summary>
    public SlotEndpoint Green { get; set; } = new();

    /// <summary>Deadline of each call to a slot (version lookups, regression and shadow synthesis).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The endpoint of a slot.</summary>
    public SlotEndpoint For(Slot slot) => slot switch
    {
        Slot.Blue => Blue,
        Slot.Green => Green,
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "no such slot"),
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, endpoint) in new[] { ("Blue", Blue), ("Green", Green) })
        {
            if (!string.IsNullOrWhiteSpace(endpoint.GrpcUrl)
                && (!Uri.TryCreate(endpoint.GrpcUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                yield return new ValidationResult($"{name}:GrpcUrl '{endpoint.GrpcUrl}' is not an http:// or https:// URL.", [$"{name}:GrpcUrl"]);
            }
        }

        if (CallTimeout <= TimeSpan.Zero || CallTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("CallTimeout must be over 0 and at most 10 minutes.", [nameof(CallTimeout)]);
        }
    }
}

/// <summary>One synthesis slot: its gRPC address, or (without one) the version it is declared to serve.</summary>
public sealed class SlotEndpoint
{
    /// <summary>The slot's Synthesis gRPC address (h2c), e.g. <c>http://127.0.0.1:7030</c>; empty = not reachable from here.</summary>
    public string GrpcUrl { get; set; } = string.Empty;

    /// <summary>The version the slot serves when <see cref="GrpcUrl"/> is empty (else asked with ListModelVersions).</summary>
    public string ModelVersion { get; set; } = string.Empty;
}

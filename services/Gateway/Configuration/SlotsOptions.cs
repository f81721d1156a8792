using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>The two synthesis slots (their h2c gRPC ports); section <c>Gateway:Slots</c>.</summary>
internal sealed class SlotsOptions
{
    public const string SectionName = "Gateway:Slots";

    /// <summary>Slot <c>blue</c>, e.g. <c>http://127.0.0.1:7030</c>.</summary>
    [Required, AbsoluteHttpUrl]
    public string Blue { get; set; } = "";

    /// <summary>Slot <c>green</c>, e.g. <c>http://127.0.0.1:7040</c>.</summary>
    [Required, AbsoluteHttpUrl]
    public string Green { get; set; } = "";
}

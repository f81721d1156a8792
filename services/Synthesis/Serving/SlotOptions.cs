using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Synthesis.Serving;

/// <summary>
/// Which release slot this synthesis process is and which model version it serves; configuration
/// section <c>Synthesis</c> (<c>VOICEFLEET__Synthesis__Slot</c>, <c>...__ModelVersion</c>).
/// </summary>
public sealed class SlotOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Synthesis";

    /// <summary>The release slot: <c>blue</c> or <c>green</c>.</summary>
    [Required]
    [RegularExpression("^(blue|green)$", ErrorMessage = "Synthesis:Slot must be 'blue' or 'green'.")]
    public string Slot { get; set; } = "blue";

    /// <summary>The model version this slot serves, e.g. <c>v21</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "Synthesis:ModelVersion must be 1–64 letters, digits, '.', '_' or '-'.")]
    public string ModelVersion { get; set; } = "v21";

}

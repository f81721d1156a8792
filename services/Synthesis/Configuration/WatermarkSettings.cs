using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Synthesis.Configuration;

/// <summary>The watermark every output carries; configuration section <c>Synthesis:Watermark</c> (docs/watermark.md).</summary>
public sealed class WatermarkSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Synthesis:Watermark";

    /// <summary>Mark every output (the default). Off only for measurements; responses then say <c>embedded=false</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The key the mark's pattern is drawn from; detection needs the same key. Keep it secret in production.</summary>
    [Required]
    [MinLength(8)]
    public string Key { get; set; } = VoiceFleet.Audio.Watermarking.WatermarkOptions.DefaultKey;
}

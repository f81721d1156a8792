namespace VoiceFleet.Models.Piper;

/// <summary>Piper's <c>language</c> object.</summary>
internal sealed record PiperLanguageConfig
{
    public string? Code { get; init; }
}

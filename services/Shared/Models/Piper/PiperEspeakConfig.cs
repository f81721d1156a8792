namespace VoiceFleet.Models.Piper;

/// <summary>Piper's <c>espeak</c> object.</summary>
internal sealed record PiperEspeakConfig
{
    public string? Voice { get; init; }
}

namespace VoiceFleet.Models.Piper;

/// <summary>Piper's <c>audio</c> object.</summary>
internal sealed record PiperAudioConfig
{
    public int? SampleRate { get; init; }

    public string? Quality { get; init; }
}

namespace VoiceFleet.Models.Piper;

/// <summary>The fields of a Piper voice config (<c>&lt;name&gt;.onnx.json</c>) VoiceFleet reads; others are ignored.</summary>
internal sealed record PiperConfig
{
    public PiperAudioConfig? Audio { get; init; }

    public PiperEspeakConfig? Espeak { get; init; }

    public PiperInferenceConfig? Inference { get; init; }

    public string? PhonemeType { get; init; }

    public Dictionary<string, string?[]?>? PhonemeMap { get; init; }

    public Dictionary<string, long[]?>? PhonemeIdMap { get; init; }

    public int? NumSymbols { get; init; }

    public int? NumSpeakers { get; init; }

    public Dictionary<string, long>? SpeakerIdMap { get; init; }

    public PiperLanguageConfig? Language { get; init; }

    public string? Dataset { get; init; }

    public string? PiperVersion { get; init; }
}

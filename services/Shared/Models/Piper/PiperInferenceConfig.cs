namespace VoiceFleet.Models.Piper;

/// <summary>Piper's <c>inference</c> object.</summary>
internal sealed record PiperInferenceConfig
{
    public float? NoiseScale { get; init; }

    public float? LengthScale { get; init; }

    public float? NoiseW { get; init; }
}

namespace VoiceFleet.Models.Manifest;

/// <summary>
/// The default synthesis scales, fed to the <see cref="TensorRole.Scales"/> input in this order. In model.json the
/// object is optional (Piper's values apply without it), but when present it states all three.
/// </summary>
public sealed record InferenceDefaults
{
    /// <summary>Piper's defaults: 0.667, 1, 0.8.</summary>
    public static InferenceDefaults Piper { get; } = new();

    /// <summary>The noise added to the prior (<c>noiseScale</c>); default 0.667.</summary>
    public float NoiseScale { get; init; } = 0.667f;

    /// <summary>Phoneme durations are multiplied by it: above 1 speaks slower (<c>lengthScale</c>); default 1.</summary>
    public float LengthScale { get; init; } = 1f;

    /// <summary>The noise of the duration predictor (<c>noiseW</c>); default 0.8.</summary>
    public float NoiseW { get; init; } = 0.8f;
}

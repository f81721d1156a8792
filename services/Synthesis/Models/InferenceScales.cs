namespace VoiceFleet.Synthesis.Models;

/// <summary>
/// The three scales a model's <c>scales</c> input takes, shared by every sentence of a batch — so only sentences with
/// equal scales run together.
/// </summary>
internal readonly record struct InferenceScales(float NoiseScale, float LengthScale, float NoiseW)
{
    public float[] ToArray() => [NoiseScale, LengthScale, NoiseW];
}

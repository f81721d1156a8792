namespace VoiceFleet.ModelForge.Encoders;

/// <summary>The fitted constants of the speaker encoder (see <see cref="SpeakerEncoderGraph"/>).</summary>
internal sealed record SpeakerCalibration(
    float[] Mean,
    float[] Scale,
    float[] CodeWeights,
    float[] CodeBias,
    double CodeRmsError,
    int Clips)
{
    public string Summary => FormattableString.Invariant($"clips={Clips} code_rms_error={CodeRmsError:F3}");
}

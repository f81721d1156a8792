namespace VoiceFleet.ModelForge.Encoders;

/// <summary>The fitted constants of the emotion encoder (see <see cref="EmotionEncoderGraph"/>).</summary>
internal sealed record EmotionCalibration(
    float[] Mean,
    float[] Scale,
    float[] Weights,
    float[] Bias,
    float[] EmbeddingWeights,
    float[] EmbeddingBias,
    double TrainingAccuracy,
    int Clips)
{
    public string Summary => FormattableString.Invariant($"clips={Clips} training_accuracy={TrainingAccuracy:F3}");
}

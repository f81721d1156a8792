namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>
/// What a description says about emotion: a distribution over <see cref="Labels"/> (sums to 1), the
/// strength it implies (0 neutral … 1 full), whether anything in it was recognised, and the cues found.
/// </summary>
internal sealed record TextEmotionResult(IReadOnlyList<string> Labels, float[] Distribution, float Strength, bool Recognised, IReadOnlyList<string> Cues, string Engine)
{
    /// <summary>The most likely label.</summary>
    public string Emotion => Labels[Embeddings.VectorMath.ArgMax(Distribution)];

    /// <summary>Probability of <paramref name="label"/> (0 when not a label).</summary>
    public float this[string label]
    {
        get
        {
            for (var i = 0; i < Labels.Count; i++)
            {
                if (string.Equals(Labels[i], label, StringComparison.Ordinal))
                {
                    return Distribution[i];
                }
            }

            return 0;
        }
    }
}

namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>What a lexicon term does: adds emotion weights, scales the next cue, negates it, or damps the whole strength.</summary>
internal sealed record LexiconEntry(LexiconRole Role, float[] Weights, float Factor)
{
    /// <summary>A term that only absorbs its characters (e.g. 语气 "tone", so its 气 is not read alone).</summary>
    public static LexiconEntry Absorb { get; } = new(LexiconRole.Absorb, new float[EmotionLabels.BuiltIn.Count], 1);
}

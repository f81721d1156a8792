namespace VoiceFleet.Encoders.Emotions;

/// <summary>A blend: the blended outcome and each component's own, with its normalised weight.</summary>
internal sealed record MixtureOutcome(EmotionOutcome Blend, IReadOnlyList<(EmotionOutcome Outcome, float Weight)> Components);

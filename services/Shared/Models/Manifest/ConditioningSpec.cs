namespace VoiceFleet.Models.Manifest;

/// <summary>The speaker and emotion conditioning of a model (<c>conditioning</c>).</summary>
public sealed record ConditioningSpec
{
    /// <summary>Speakers (<c>speaker</c>); optional.</summary>
    public SpeakerConditioning? Speaker { get; init; }

    /// <summary>Emotions (<c>emotion</c>); optional.</summary>
    public EmotionConditioning? Emotion { get; init; }
}

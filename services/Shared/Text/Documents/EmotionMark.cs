namespace VoiceFleet.Text.Documents;

/// <summary>The emotion of VoiceFleet's SSML element <c>&lt;vf:emotion&gt;</c>: a label or a description, and a strength.</summary>
/// <param name="Label">An emotion label (lower case), or null.</param>
/// <param name="Description">A natural-language description, or null.</param>
/// <param name="Strength">0..1, or null for the default.</param>
public sealed record EmotionMark(string? Label, string? Description, float? Strength);

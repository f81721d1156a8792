namespace VoiceFleet.Text.Documents;

/// <summary>A boundary in the input.</summary>
/// <param name="Kind">What made it.</param>
/// <param name="PauseSeconds">The silence asked for (a break's time or strength), or null for the default of its kind.</param>
/// <param name="EndsSentence">A break strong or long enough to end the sentence (always true for sentences and paragraphs).</param>
internal sealed record DocumentBoundary(BoundaryKind Kind, double? PauseSeconds, bool EndsSentence) : IDocumentNode;

namespace VoiceFleet.Text.Documents;

/// <summary>A parsed input: text runs and boundaries in reading order.</summary>
/// <param name="Nodes">The nodes.</param>
/// <param name="Input">The request's string (text or SSML) that sources refer to.</param>
/// <param name="Field">Its request field (<c>text</c> or <c>ssml</c>).</param>
internal sealed record TextDocument(IReadOnlyList<IDocumentNode> Nodes, string Input, string Field);

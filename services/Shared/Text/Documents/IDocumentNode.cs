namespace VoiceFleet.Text.Documents;

/// <summary>One element of a parsed input: text (<see cref="DocumentText"/>) or a boundary (<see cref="DocumentBoundary"/>).</summary>
internal interface IDocumentNode;

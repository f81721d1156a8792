namespace VoiceFleet.Text.Documents;

/// <summary>A range of UTF-16 indices in the request's input string (text or SSML), end exclusive.</summary>
/// <param name="Start">First index.</param>
/// <param name="End">One past the last index.</param>
internal readonly record struct SourceRange(int Start, int End)
{
    /// <summary>The smallest range covering both.</summary>
    public SourceRange Union(SourceRange other) => new(Math.Min(Start, other.Start), Math.Max(End, other.End));
}

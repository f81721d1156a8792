namespace VoiceFleet.Text.Documents;

/// <summary>Where input markup ends a unit of speech.</summary>
internal enum BoundaryKind
{
    /// <summary>The end of an SSML <c>&lt;s&gt;</c>.</summary>
    Sentence,

    /// <summary>The end of an SSML <c>&lt;p&gt;</c>, or a blank line in plain text.</summary>
    Paragraph,

    /// <summary>An SSML <c>&lt;break&gt;</c>.</summary>
    Break,
}

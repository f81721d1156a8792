namespace VoiceFleet.Text.Documents;

/// <summary>SSML <c>&lt;say-as&gt;</c>: how a span is to be read.</summary>
/// <param name="InterpretAs">One of <see cref="Kinds"/>.</param>
/// <param name="Format">The <c>format</c> attribute (dates: <c>ymd</c>, <c>mdy</c>, <c>dmy</c>, …; time: <c>hms12</c>, <c>hms24</c>), or null.</param>
internal sealed record SayAs(string InterpretAs, string? Format)
{
    /// <summary>The supported <c>interpret-as</c> values (<c>number</c> is an alias of cardinal, <c>spell-out</c> of characters).</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["cardinal", "ordinal", "digits", "characters", "telephone", "date", "time"];
}

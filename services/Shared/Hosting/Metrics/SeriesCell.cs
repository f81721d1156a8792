namespace VoiceFleet.Hosting.Metrics;

/// <summary>One series of an instrument: its canonical label text and, in subclasses, its value.</summary>
internal abstract class SeriesCell(string labelText)
{
    /// <summary>The labels between the braces, e.g. <c>service="gateway",track="blue"</c>; may be empty.</summary>
    public string LabelText { get; } = labelText;
}

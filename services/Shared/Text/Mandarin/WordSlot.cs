namespace VoiceFleet.Text.Mandarin;

/// <summary>A word of a Han run while the G2P works on it.</summary>
internal sealed class WordSlot(int start, string text)
{
    /// <summary>Index of its first character in the run.</summary>
    public int Start { get; } = start;

    /// <summary>Its characters (simplified).</summary>
    public string Text { get; } = text;

    /// <summary>Characters.</summary>
    public int Length => Text.Length;

    /// <summary>Reading per character (tone numbers), null where none is known.</summary>
    public string?[] Readings { get; } = new string?[text.Length];

    /// <summary>Characters whose reading was fixed from outside (overrides, annotations, SSML): rules and sandhi leave them.</summary>
    public bool[] Fixed { get; } = new bool[text.Length];

    /// <summary>Spoken reading per character after sandhi, erhua and neutral tones ("" for an 儿 merged into the syllable before).</summary>
    public string?[] Spoken { get; } = new string?[text.Length];

    /// <summary>Where the pronunciation came from.</summary>
    public PronunciationSource Source { get; set; }

    /// <inheritdoc />
    public override string ToString() => Text;
}

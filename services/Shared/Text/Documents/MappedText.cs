using System.Text;

namespace VoiceFleet.Text.Documents;

/// <summary>
/// Text in which every character remembers the input range it came from (and a few flags), so that words built from
/// normalized text can still say which part of the request they read: "二零二三年" maps its first four characters to
/// "2023" and the last to "年".
/// </summary>
internal sealed class MappedText
{
    private MappedText(string text, SourceRange[] sources, CharFlags[] flags)
    {
        Text = text;
        Sources = sources;
        Flags = flags;
    }

    /// <summary>An empty text.</summary>
    public static MappedText Empty { get; } = new(string.Empty, [], []);

    /// <summary>The characters.</summary>
    public string Text { get; }

    /// <summary>The input range of each character.</summary>
    public IReadOnlyList<SourceRange> Sources { get; }

    /// <summary>The flags of each character.</summary>
    public IReadOnlyList<CharFlags> Flags { get; }

    /// <summary>Number of characters.</summary>
    public int Length => Text.Length;

    /// <summary>Text whose characters map one to one onto the input starting at <paramref name="sourceStart"/>.</summary>
    public static MappedText FromSource(string text, int sourceStart)
    {
        var sources = new SourceRange[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            sources[i] = new SourceRange(sourceStart + i, sourceStart + i + 1);
        }

        return new MappedText(text, sources, new CharFlags[text.Length]);
    }

    /// <summary>The characters <c>[start, start + length)</c>.</summary>
    public MappedText Slice(int start, int length)
    {
        var sources = new SourceRange[length];
        var flags = new CharFlags[length];
        for (var i = 0; i < length; i++)
        {
            sources[i] = Sources[start + i];
            flags[i] = Flags[start + i];
        }

        return new MappedText(Text.Substring(start, length), sources, flags);
    }

    /// <summary>The input range covering characters <c>[start, start + length)</c>.</summary>
    public SourceRange Range(int start, int length)
    {
        var range = Sources[start];
        for (var i = start + 1; i < start + length; i++)
        {
            range = range.Union(Sources[i]);
        }

        return range;
    }

    /// <summary>The input range covering all characters.</summary>
    public SourceRange Range() => Length == 0 ? default : Range(0, Length);

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Builds a <see cref="MappedText"/> piece by piece.</summary>
    public sealed class Builder
    {
        private readonly StringBuilder text = new();
        private readonly List<SourceRange> sources = [];
        private readonly List<CharFlags> flags = [];

        /// <summary>Characters so far.</summary>
        public int Length => text.Length;

        /// <summary>The input range of the character at <paramref name="index"/>.</summary>
        public SourceRange SourceAt(int index) => sources[index];

        /// <summary>The last character appended, or '\0'.</summary>
        public char Last => text.Length == 0 ? '\0' : text[^1];

        /// <summary>Appends <paramref name="value"/>, every character of it mapped to <paramref name="source"/>.</summary>
        public Builder Append(string value, SourceRange source, CharFlags charFlags = CharFlags.None)
        {
            foreach (var c in value)
            {
                text.Append(c);
                sources.Add(source);
                flags.Add(charFlags);
            }

            return this;
        }

        /// <summary>Appends characters <c>[start, start + length)</c> of another mapped text, keeping their mapping.</summary>
        public Builder Append(MappedText other, int start, int length)
        {
            for (var i = start; i < start + length; i++)
            {
                text.Append(other.Text[i]);
                sources.Add(other.Sources[i]);
                flags.Add(other.Flags[i]);
            }

            return this;
        }

        /// <summary>Appends a whole mapped text.</summary>
        public Builder Append(MappedText other) => Append(other, 0, other.Length);

        /// <summary>The text built.</summary>
        public MappedText Build() => new(text.ToString(), [.. sources], [.. flags]);
    }
}

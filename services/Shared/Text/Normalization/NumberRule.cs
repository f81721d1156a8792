using System.Text.RegularExpressions;
using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Normalization;

/// <summary>One normalization pattern: an anchored regex and how to read what it matched.</summary>
/// <param name="Name">For diagnostics.</param>
/// <param name="Pattern">Matched at the current position only (<c>\G</c>).</param>
/// <param name="Read">Writes the reading into the emitter; returns false to let later rules try.</param>
internal sealed record NumberRule(string Name, Regex Pattern, Func<Match, RuleEmitter, bool> Read);

/// <summary>Collects the reading of one match, each piece mapped to the part of the input it reads.</summary>
internal sealed class RuleEmitter
{
    private readonly List<(string Text, int Start, int End, CharFlags Flags)> pieces = [];

    /// <summary>The text being normalized.</summary>
    public required string Text { get; init; }

    /// <summary>Where the match starts in <see cref="Text"/>.</summary>
    public int MatchStart { get; init; }

    /// <summary>Where the match ends in <see cref="Text"/>.</summary>
    public int MatchEnd { get; set; }

    /// <summary>The character right after the match (or '\0').</summary>
    public char Next => MatchEnd < Text.Length ? Text[MatchEnd] : '\0';

    /// <summary>The character right before the match (or '\0').</summary>
    public char Previous => MatchStart > 0 ? Text[MatchStart - 1] : '\0';

    /// <summary>The pieces written.</summary>
    public IReadOnlyList<(string Text, int Start, int End, CharFlags Flags)> Pieces => pieces;

    /// <summary>Writes <paramref name="text"/> read from <paramref name="group"/>.</summary>
    public RuleEmitter Add(string text, Group group, CharFlags flags = CharFlags.Numeric) =>
        Add(text, group.Index, group.Index + group.Length, flags);

    /// <summary>Writes <paramref name="text"/> read from <c>[start, end)</c> of <see cref="Text"/>.</summary>
    public RuleEmitter Add(string text, int start, int end, CharFlags flags = CharFlags.Numeric)
    {
        if (text.Length > 0)
        {
            pieces.Add((text, start, Math.Max(end, start + 1), flags));
        }

        return this;
    }

    /// <summary>Writes <paramref name="text"/> read from the whole match.</summary>
    public RuleEmitter Add(string text, CharFlags flags = CharFlags.Numeric) => Add(text, MatchStart, MatchEnd, flags);
}

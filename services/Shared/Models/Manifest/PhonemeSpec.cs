namespace VoiceFleet.Models.Manifest;

/// <summary>The phonemes a text-to-speech model reads and how they become ids (see <see cref="Phonemes.PhonemeIdEncoder"/>).</summary>
public sealed record PhonemeSpec
{
    /// <summary>
    /// The phoneme alphabet (<c>alphabet</c>): <c>ipa</c> (IPA as espeak-ng writes it, Piper's <c>espeak</c> type) or
    /// <c>text</c> (the characters of the text, Piper's <c>text</c> type); other names are allowed for other frontends.
    /// </summary>
    public string Alphabet { get; init; } = "";

    /// <summary>Each phoneme and the ids it becomes (<c>idMap</c>), as Piper's <c>phoneme_id_map</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> IdMap { get; init; } = new Dictionary<string, IReadOnlyList<long>>();

    /// <summary>The phoneme whose ids begin every sequence (<c>bos</c>, Piper <c>^</c>); none when null.</summary>
    public string? Bos { get; init; }

    /// <summary>The phoneme whose ids end every sequence (<c>eos</c>, Piper <c>$</c>); none when null.</summary>
    public string? Eos { get; init; }

    /// <summary>The padding phoneme (<c>pad</c>, Piper <c>_</c>); required when <see cref="Intersperse"/> is set.</summary>
    public string? Pad { get; init; }

    /// <summary>Whether the pad ids follow the begin ids and every phoneme's ids (<c>intersperse</c>; Piper: true).</summary>
    public bool Intersperse { get; init; }

    /// <summary>Phonemes replaced by others before the id lookup (<c>map</c>, Piper's <c>phoneme_map</c>); optional.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Map { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The language the model speaks, e.g. <c>en_US</c> (<c>language</c>); optional.</summary>
    public string? Language { get; init; }

    /// <summary>The espeak-ng voice that phonemizes for it, e.g. <c>en-us</c> (<c>espeakVoice</c>); optional.</summary>
    public string? EspeakVoice { get; init; }
}

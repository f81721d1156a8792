using System.Collections.Frozen;
using System.Globalization;

namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// Pinyin syllables in VoiceFleet's form (<c>yin2</c>, <c>lv4</c>, erhua <c>dianr3</c>) → broad IPA of Standard
/// Mandarin, for models whose phoneme map is IPA: <c>yin2 hang2</c> → <c>in2 xɑŋ2</c>. Every symbol is one code point
/// that a Piper-style IPA map holds (the forged voices have them all).
/// </summary>
/// <remarks>
/// Choices: aspiration is a following <c>h</c> (<c>p</c> → <c>ph</c>, <c>q</c> → <c>tɕh</c>), because such maps have
/// no <c>ʰ</c>; pinyin <c>h</c> is <c>x</c>, so <c>h</c> only ever marks aspiration. The apical vowel of zi ci si is
/// <c>ɨ</c>, that of zhi chi shi ri <c>ɻ</c>. Tones stay digits 1–5 (5 neutral) after the syllable, as in pinyin.
/// Erhua drops a coda n or i and the ŋ (nasalization is not written) and ends in <c>ɻ</c>. The table is computed
/// once for every syllable of <see cref="Pinyin.Syllables"/>, each tone, with and without erhua.
/// </remarks>
internal static class PinyinIpa
{
    // Initials longest first; aspirated ones end in h.
    private static readonly (string Pinyin, string Ipa)[] Initials =
    [
        ("zh", "ʈʂ"), ("ch", "ʈʂh"), ("sh", "ʂ"),
        ("b", "p"), ("p", "ph"), ("m", "m"), ("f", "f"),
        ("d", "t"), ("t", "th"), ("n", "n"), ("l", "l"),
        ("g", "k"), ("k", "kh"), ("h", "x"),
        ("j", "tɕ"), ("q", "tɕh"), ("x", "ɕ"),
        ("r", "ʐ"), ("z", "ts"), ("c", "tsh"), ("s", "s"),
    ];

    // Finals in their full (uncontracted, y/w-free) spelling, ü as v: the plain reading and the erhua one.
    // "-i" and "-ri" are the apical vowels after z c s and after zh ch sh r.
    private static readonly FrozenDictionary<string, (string Plain, string Erhua)> Finals = new Dictionary<string, (string, string)>
    {
        ["a"] = ("a", "aɻ"),
        ["o"] = ("o", "oɻ"),
        ["e"] = ("ɤ", "ɤɻ"),
        ["ai"] = ("aɪ", "aɻ"),
        ["ei"] = ("eɪ", "əɻ"),
        ["ao"] = ("ɑʊ", "ɑʊɻ"),
        ["ou"] = ("oʊ", "oʊɻ"),
        ["an"] = ("an", "aɻ"),
        ["en"] = ("ən", "əɻ"),
        ["ang"] = ("ɑŋ", "ɑɻ"),
        ["eng"] = ("əŋ", "əɻ"),
        ["ong"] = ("ʊŋ", "ʊɻ"),
        ["er"] = ("ɚ", "ɚ"),
        ["i"] = ("i", "iəɻ"),
        ["ia"] = ("ja", "jaɻ"),
        ["io"] = ("jo", "joɻ"),
        ["ie"] = ("jɛ", "jɛɻ"),
        ["iao"] = ("jɑʊ", "jɑʊɻ"),
        ["iou"] = ("joʊ", "joʊɻ"),
        ["ian"] = ("jɛn", "jaɻ"),
        ["in"] = ("in", "iəɻ"),
        ["iang"] = ("jɑŋ", "jɑɻ"),
        ["ing"] = ("iŋ", "iəɻ"),
        ["iong"] = ("jʊŋ", "jʊɻ"),
        ["u"] = ("u", "uɻ"),
        ["ua"] = ("wa", "waɻ"),
        ["uo"] = ("wo", "woɻ"),
        ["uai"] = ("waɪ", "waɻ"),
        ["uei"] = ("weɪ", "wəɻ"),
        ["uan"] = ("wan", "waɻ"),
        ["uen"] = ("wən", "wəɻ"),
        ["uang"] = ("wɑŋ", "wɑɻ"),
        ["ueng"] = ("wəŋ", "wəɻ"),
        ["v"] = ("y", "yəɻ"),
        ["ve"] = ("ɥɛ", "ɥɛɻ"),
        ["van"] = ("ɥɛn", "ɥaɻ"),
        ["vn"] = ("yn", "yəɻ"),
        ["-i"] = ("ɨ", "əɻ"),
        ["-ri"] = ("ɻ", "əɻ"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Syllabic nasals (interjections 呣 嗯 哼).
    private static readonly FrozenDictionary<string, string> Syllabic = new Dictionary<string, string>
    {
        ["m"] = "m",
        ["n"] = "n",
        ["ng"] = "ŋ",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Table = BuildTable();

    /// <summary>The IPA of every toneless syllable and erhua form (<c>dianr</c>), without tone.</summary>
    internal static IReadOnlyDictionary<string, string> Toneless => Table;

    /// <summary>Converts one syllable (tone digit 1–5 at the end, absent = neutral; ü as v; erhua r before the tone).</summary>
    /// <param name="syllable">E.g. <c>yin2</c>, <c>lv4</c>, <c>dianr3</c>.</param>
    /// <param name="ipa">E.g. <c>in2</c>, <c>ly4</c>, <c>tjaɻ3</c>.</param>
    /// <returns>False when it is not a syllable of <see cref="Pinyin.Syllables"/> (with or without erhua).</returns>
    public static bool TryConvert(string syllable, out string ipa)
    {
        ArgumentNullException.ThrowIfNull(syllable);
        if (Table.TryGetValue(Pinyin.BaseOf(syllable), out var body))
        {
            ipa = body + Pinyin.ToneOf(syllable).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        ipa = string.Empty;
        return false;
    }

    /// <summary>Converts one syllable (see <see cref="TryConvert"/>).</summary>
    /// <exception cref="ArgumentException">It is not a pinyin syllable.</exception>
    public static string Convert(string syllable) =>
        TryConvert(syllable, out var ipa) ? ipa : throw new ArgumentException($"'{syllable}' is not a pinyin syllable", nameof(syllable));

    /// <summary>
    /// Converts syllables and joins them with spaces, as a sentence's phonemes are written. A syllable that is not
    /// pinyin (none of the G2P's or of validated input) is kept as written rather than failing the request.
    /// </summary>
    public static string Convert(IEnumerable<string> syllables) =>
        string.Join(' ', syllables.Select(s => TryConvert(s, out var ipa) ? ipa : s));

    private static FrozenDictionary<string, string> BuildTable()
    {
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var erhua = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var syllable in Pinyin.Syllables)
        {
            if (Syllabic.TryGetValue(syllable, out var nasal))
            {
                plain[syllable] = nasal;
                erhua[syllable + "r"] = nasal + "ɻ";
                continue;
            }

            var (initial, final) = Split(syllable);
            var ipa = Finals.TryGetValue(final, out var readings)
                ? readings
                : throw new InvalidOperationException($"the pinyin syllable '{syllable}' has no IPA final ('{final}')");
            plain[syllable] = initial + ipa.Plain;
            erhua[syllable + "r"] = initial + ipa.Erhua;
        }

        // "e" + r spells "er", which is a syllable of its own (ɚ), not 额儿.
        foreach (var (syllable, ipa) in erhua)
        {
            plain.TryAdd(syllable, ipa);
        }

        return plain.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The IPA initial and the final's full spelling (y/w and contractions undone).</summary>
    private static (string Initial, string Final) Split(string syllable)
    {
        if (syllable[0] == 'y')
        {
            // yi yin ying: i is the vowel; yu yue yuan yun: ü; ya ye yao you yan yang yong yo: i + the rest.
            var rest = syllable[1..];
            return (string.Empty, rest[0] switch
            {
                'i' => rest,
                'u' => "v" + rest[1..],
                _ => Contract("i" + rest),
            });
        }

        if (syllable[0] == 'w')
        {
            var rest = syllable[1..];
            return (string.Empty, rest[0] == 'u' ? rest : "u" + rest);
        }

        foreach (var (pinyin, ipa) in Initials)
        {
            if (!syllable.StartsWith(pinyin, StringComparison.Ordinal) || syllable.Length == pinyin.Length)
            {
                continue;
            }

            var final = syllable[pinyin.Length..];
            final = pinyin switch
            {
                // ju jue juan jun: the u is ü.
                "j" or "q" or "x" when final[0] == 'u' => "v" + final[1..],
                "z" or "c" or "s" when final == "i" => "-i",
                "zh" or "ch" or "sh" or "r" when final == "i" => "-ri",
                // bo po mo fo are b + uo.
                "b" or "p" or "m" or "f" when final == "o" => "uo",
                _ => Contract(final),
            };
            return (ipa, final);
        }

        return (string.Empty, syllable);
    }

    // iu → iou, ui → uei, un → uen (ün after j q x is handled before), iong stays.
    private static string Contract(string final) => final switch
    {
        "iu" => "iou",
        "ui" => "uei",
        "un" => "uen",
        _ => final,
    };
}

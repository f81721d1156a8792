using VoiceFleet.Models.Manifest;

namespace VoiceFleet.ModelForge.Voice;

/// <summary>
/// The forge voice's phonemes: IPA symbols one Unicode character each (the way Piper's espeak voices
/// spell them), punctuation as pauses, and Piper's three specials — pad <c>_</c> (id 0), BOS <c>^</c>
/// (id 1), EOS <c>$</c> (id 2). Each symbol carries the acoustic targets the voice renders: duration in
/// frames, voicing, loudness, three formant frequencies and a fricative noise spectrum.
/// </summary>
/// <remarks>Ids are part of every forged model's contract: append new symbols, never reorder.</remarks>
internal static class PhonemeInventory
{
    /// <summary>The columns of <see cref="AttributeTable"/>.</summary>
    public const int AttributeCount = 10;

    public const string Pad = "_";
    public const string Bos = "^";
    public const string Eos = "$";

    private static readonly PhonemeTarget[] Targets = BuildTargets();

    /// <summary>The symbols in id order.</summary>
    public static IReadOnlyList<PhonemeTarget> All => Targets;

    /// <summary>Symbol → ids, as a bundle's phoneme id map lists them.</summary>
    public static IReadOnlyDictionary<string, int[]> IdMap { get; } = Targets
        .Select((target, id) => (target.Symbol, id))
        .ToDictionary(pair => pair.Symbol, pair => new[] { pair.id }, StringComparer.Ordinal);

    /// <summary>The phoneme section of every forged voice's manifest: IPA, Piper's id layout.</summary>
    public static PhonemeSpec Spec { get; } = new()
    {
        Alphabet = "ipa",
        IdMap = IdMap.ToDictionary(p => p.Key, p => (IReadOnlyList<long>)[.. p.Value.Select(id => (long)id)], StringComparer.Ordinal),
        Bos = Bos,
        Eos = Eos,
        Pad = Pad,
        Intersperse = true,
        Language = "en-us",

        // espeak-ng's reduced vowel and its combining marks, which the inventory does not carry as symbols of their own.
        Map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["ᵻ"] = ["ɪ"],
            ["\u0329"] = [],
            ["\u0361"] = [],
        },
    };

    /// <summary>
    /// The [symbols × <see cref="AttributeCount"/>] table the voice gathers from: duration (frames at length
    /// scale 1), voicing 0–1, amplitude 0–1, F1, F2, F3 (Hz), noise amount 0–1, noise in the low, mid and high band.
    /// </summary>
    public static float[] AttributeTable()
    {
        var table = new float[Targets.Length * AttributeCount];
        for (var i = 0; i < Targets.Length; i++)
        {
            var t = Targets[i];
            ReadOnlySpan<float> row = [t.Frames, t.Voicing, t.Amplitude, t.F1, t.F2, t.F3, t.Noise, t.Low, t.Mid, t.High];
            row.CopyTo(table.AsSpan(i * AttributeCount, AttributeCount));
        }

        return table;
    }

    private static PhonemeTarget[] BuildTargets()
    {
        var list = new List<PhonemeTarget>
        {
            Silence(Pad, 0),
            Silence(Bos, 2),
            Silence(Eos, 4),
            Silence(" ", 0),
        };

        // Pauses (frames of ~11.6 ms at 22050 Hz, hop 256).
        foreach (var (symbol, frames) in new (string, float)[]
        {
            (",", 12), (".", 22), ("!", 22), ("?", 22), (";", 16), (":", 16), ("—", 14), ("…", 26),
            ("，", 12), ("。", 22), ("！", 22), ("？", 22), ("；", 16), ("：", 16), ("、", 10),
        })
        {
            list.Add(Silence(symbol, frames));
        }

        // Stress, length and tone marks: no time of their own.
        foreach (var symbol in new[] { "ˈ", "ˌ", "ː", "ˑ", "1", "2", "3", "4", "5", "˥", "˦", "˧", "˨", "˩" })
        {
            list.Add(Silence(symbol, 0));
        }

        // Vowels: F1, F2, F3 of a mid-range adult voice.
        foreach (var (symbol, f1, f2, f3) in new (string, float, float, float)[]
        {
            ("a", 730, 1090, 2440), ("ɑ", 750, 940, 2540), ("æ", 660, 1720, 2410), ("ɐ", 700, 1220, 2500),
            ("ʌ", 640, 1190, 2390), ("ɛ", 530, 1840, 2480), ("e", 390, 2300, 2850), ("ə", 500, 1500, 2500),
            ("ɜ", 490, 1350, 1690), ("ɚ", 490, 1350, 1690), ("ɝ", 480, 1330, 1670), ("ɪ", 390, 1990, 2550),
            ("i", 270, 2290, 3010), ("ɔ", 570, 840, 2410), ("o", 360, 640, 2400), ("ɒ", 600, 900, 2500),
            ("ʊ", 440, 1020, 2240), ("u", 300, 870, 2240), ("y", 235, 2100, 2300), ("ø", 370, 1650, 2400),
            ("ɤ", 460, 1300, 2500), ("ɯ", 300, 1400, 2400), ("ɨ", 320, 1650, 2500), ("ɵ", 400, 1500, 2400),
            ("ʏ", 300, 1800, 2300), ("œ", 550, 1500, 2400), ("ɘ", 450, 1600, 2500), ("ɞ", 550, 1400, 2400),
        })
        {
            list.Add(new PhonemeTarget(symbol, 9, 1, 1, f1, f2, f3, 0, 0, 0, 0));
        }

        // Nasals and approximants: voiced, quieter, shorter.
        foreach (var (symbol, frames, amplitude, f1, f2, f3) in new (string, float, float, float, float, float)[]
        {
            ("m", 6, 0.45f, 280, 1100, 2300), ("n", 6, 0.45f, 280, 1600, 2600), ("ŋ", 6, 0.45f, 280, 2000, 2800),
            ("ɲ", 6, 0.45f, 280, 1900, 2700), ("l", 5, 0.6f, 360, 1300, 2700), ("ɹ", 5, 0.6f, 400, 1100, 1600),
            ("r", 5, 0.6f, 420, 1200, 1700), ("ɾ", 2, 0.5f, 400, 1500, 2400), ("ɻ", 5, 0.6f, 420, 1300, 1700),
            ("j", 4, 0.6f, 280, 2200, 3000), ("w", 4, 0.6f, 300, 700, 2200), ("ʎ", 5, 0.55f, 300, 2000, 2800),
            ("ɥ", 4, 0.6f, 260, 1900, 2300),
        })
        {
            list.Add(new PhonemeTarget(symbol, frames, 1, amplitude, f1, f2, f3, 0, 0, 0, 0));
        }

        // Fricatives: noise shaped in three bands; the voiced ones keep some voicing under the noise.
        foreach (var (symbol, voicing, low, mid, high) in new (string, float, float, float, float)[]
        {
            ("f", 0, 0.35f, 0.35f, 0.3f), ("θ", 0, 0.3f, 0.35f, 0.35f), ("s", 0, 0, 0.15f, 1), ("ʃ", 0, 0.05f, 0.9f, 0.45f),
            ("h", 0, 0.45f, 0.45f, 0.1f), ("x", 0, 0.6f, 0.5f, 0.05f), ("ç", 0, 0.1f, 0.7f, 0.5f), ("ɕ", 0, 0.05f, 0.8f, 0.6f),
            ("ʂ", 0, 0.05f, 0.85f, 0.4f), ("v", 0.5f, 0.45f, 0.3f, 0.15f), ("ð", 0.5f, 0.35f, 0.35f, 0.25f),
            ("z", 0.5f, 0, 0.2f, 0.9f), ("ʒ", 0.5f, 0.05f, 0.85f, 0.35f), ("ʐ", 0.5f, 0.05f, 0.8f, 0.35f),
            ("ɣ", 0.5f, 0.6f, 0.45f, 0.05f), ("ʁ", 0.5f, 0.65f, 0.4f, 0.05f),
        })
        {
            list.Add(new PhonemeTarget(symbol, 7, voicing, voicing * 0.35f, 300, 1500, 2500, 0.8f, low, mid, high));
        }

        // Stops: a short burst (closure and release folded into a few frames).
        foreach (var (symbol, voicing, low, mid, high) in new (string, float, float, float, float)[]
        {
            ("p", 0, 0.7f, 0.3f, 0.1f), ("t", 0, 0.05f, 0.35f, 0.9f), ("k", 0, 0.3f, 0.8f, 0.2f),
            ("b", 0.45f, 0.7f, 0.25f, 0.05f), ("d", 0.45f, 0.05f, 0.35f, 0.7f), ("ɡ", 0.45f, 0.3f, 0.7f, 0.1f),
            ("g", 0.45f, 0.3f, 0.7f, 0.1f), ("ʈ", 0, 0.05f, 0.6f, 0.6f), ("ɖ", 0.45f, 0.05f, 0.6f, 0.5f),
            ("c", 0, 0.1f, 0.6f, 0.6f), ("ɟ", 0.45f, 0.1f, 0.6f, 0.5f), ("q", 0, 0.5f, 0.5f, 0.05f),
        })
        {
            list.Add(new PhonemeTarget(symbol, 4, voicing, voicing * 0.3f, 250, 1500, 2500, 0.55f, low, mid, high));
        }

        list.Add(Silence("ʔ", 2));
        return [.. list];
    }

    private static PhonemeTarget Silence(string symbol, float frames) => new(symbol, frames, 0, 0, 500, 1500, 2500, 0, 0, 0, 0);
}

/// <summary>The acoustic targets of one phoneme (see <see cref="PhonemeInventory.AttributeTable"/>).</summary>
internal sealed record PhonemeTarget(
    string Symbol,
    float Frames,
    float Voicing,
    float Amplitude,
    float F1,
    float F2,
    float F3,
    float Noise,
    float Low,
    float Mid,
    float High);

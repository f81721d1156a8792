using System.Text;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Phonemes;

/// <summary>
/// Turns phonemes into ids the way Piper does, for Piper voices and VoiceFleet bundles alike: the begin ids, then,
/// when <see cref="PhonemeSpec.Intersperse"/> is set, the pad ids; then each phoneme's ids, each followed by the pad ids
/// when interspersing; then the end ids. With Piper's map that is <c>^ _ p₁ _ p₂ _ … pₙ _ $</c>. A phoneme listed in
/// <see cref="PhonemeSpec.Map"/> is first replaced by its mapped phonemes. Phonemes missing from the id map are skipped
/// and reported in <see cref="PhonemeEncoding.MissingPhonemes"/>, never thrown.
/// </summary>
/// <remarks>Immutable once built, so one encoder serves concurrent calls.</remarks>
public sealed class PhonemeIdEncoder
{
    private readonly Dictionary<string, long[]> ids;
    private readonly Dictionary<string, string[]> map;
    private readonly long[] bos;
    private readonly long[] eos;
    private readonly long[] pad;
    private readonly bool intersperse;
    private readonly int longestPhoneme;

    /// <summary>Builds an encoder for a manifest's phonemes.</summary>
    /// <param name="phonemes">The id map and layout (<see cref="ModelManifest.Phonemes"/>).</param>
    /// <exception cref="ArgumentException">The spec is unusable: a begin, end or pad phoneme missing from the id map, or interspersing without a pad.</exception>
    public PhonemeIdEncoder(PhonemeSpec phonemes)
    {
        ArgumentNullException.ThrowIfNull(phonemes);
        ArgumentNullException.ThrowIfNull(phonemes.IdMap, nameof(phonemes));
        ids = phonemes.IdMap.ToDictionary(p => p.Key, p => (p.Value ?? []).ToArray(), StringComparer.Ordinal);
        map = (phonemes.Map ?? new Dictionary<string, IReadOnlyList<string>>()).ToDictionary(p => p.Key, p => (p.Value ?? []).ToArray(), StringComparer.Ordinal);
        bos = Symbol(phonemes.Bos, "begin");
        eos = Symbol(phonemes.Eos, "end");
        pad = Symbol(phonemes.Pad, "pad");
        intersperse = phonemes.Intersperse;
        if (intersperse && phonemes.Pad is null)
        {
            throw new ArgumentException("Interspersing needs a pad phoneme.", nameof(phonemes));
        }

        longestPhoneme = ids.Keys.Concat(map.Keys).Select(k => k.Length).DefaultIfEmpty(1).Max();
    }

    /// <summary>
    /// Encodes a phoneme string. It is split into phonemes by longest match against the id map's (and the phoneme
    /// map's) keys, and otherwise one Unicode scalar at a time, so a Piper map, whose keys are single code points,
    /// splits by code point exactly as Piper does.
    /// </summary>
    /// <param name="phonemes">Phonemes as one string, for example <c>həlˈoʊ wˈɜːld</c>.</param>
    public PhonemeEncoding Encode(string phonemes) => Encode(Split(phonemes));

    /// <summary>Encodes phonemes given one per element.</summary>
    /// <param name="phonemes">The phonemes, each a key of the id map (or of the phoneme map).</param>
    public PhonemeEncoding Encode(IEnumerable<string> phonemes)
    {
        ArgumentNullException.ThrowIfNull(phonemes);
        var result = new List<long>();
        var missing = new List<string>();
        var seenMissing = new HashSet<string>(StringComparer.Ordinal);
        result.AddRange(bos);
        if (bos.Length > 0 && intersperse)
        {
            result.AddRange(pad);
        }

        foreach (var phoneme in phonemes)
        {
            ArgumentNullException.ThrowIfNull(phoneme, nameof(phonemes));
            if (map.TryGetValue(phoneme, out var mapped))
            {
                foreach (var replacement in mapped)
                {
                    Append(result, replacement, missing, seenMissing);
                }
            }
            else
            {
                Append(result, phoneme, missing, seenMissing);
            }
        }

        result.AddRange(eos);
        return new PhonemeEncoding(result.ToArray(), missing);
    }

    /// <summary>Splits a phoneme string as <see cref="Encode(string)"/> does.</summary>
    public IReadOnlyList<string> Split(string phonemes)
    {
        ArgumentNullException.ThrowIfNull(phonemes);
        var parts = new List<string>();
        var i = 0;
        while (i < phonemes.Length)
        {
            var scalar = Rune.TryGetRuneAt(phonemes, i, out var rune) ? rune.Utf16SequenceLength : 1;
            var length = scalar;
            for (var candidate = Math.Min(longestPhoneme, phonemes.Length - i); candidate > scalar; candidate--)
            {
                var key = phonemes.Substring(i, candidate);
                if (ids.ContainsKey(key) || map.ContainsKey(key))
                {
                    length = candidate;
                    break;
                }
            }

            parts.Add(phonemes.Substring(i, length));
            i += length;
        }

        return parts;
    }

    private void Append(List<long> result, string phoneme, List<string> missing, HashSet<string> seenMissing)
    {
        if (!ids.TryGetValue(phoneme, out var phonemeIds))
        {
            if (seenMissing.Add(phoneme))
            {
                missing.Add(phoneme);
            }

            return;
        }

        result.AddRange(phonemeIds);
        if (intersperse)
        {
            result.AddRange(pad);
        }
    }

    private long[] Symbol(string? phoneme, string what)
    {
        if (phoneme is null)
        {
            return [];
        }

        return ids.TryGetValue(phoneme, out var symbolIds)
            ? symbolIds
            : throw new ArgumentException($"The {what} phoneme '{phoneme}' is not in the id map.", nameof(phoneme));
    }
}

using VoiceFleet.Models.Json;

namespace VoiceFleet.Models.Manifest;

/// <summary>
/// Writes model.json deterministically: properties in a fixed order, dictionaries sorted (see
/// <see cref="Canonicalize"/>), two-space indentation, <c>\n</c> line ends, numbers in the invariant culture and the
/// shortest form that reads back to the same value, a final newline. The same manifest always gives the same bytes.
/// </summary>
public static class ModelManifestWriter
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="manifest"/> (not validated: see <see cref="ModelManifestValidator"/>).</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite (JSON has no such values).</exception>
    /// <exception cref="System.Text.Json.JsonException">An enum value has no JSON name.</exception>
    public static byte[] ToBytes(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ManifestJson.Serialize(Canonicalize(manifest));
    }

    /// <summary>
    /// The same manifest with every dictionary in canonical order: components in pipeline order
    /// (model, acoustic, vocoder, encoder, then others by name); <c>idMap</c> and <c>speakerIdMap</c> by id, then name;
    /// everything else by ordinal name. Lists keep their order (it is meaningful).
    /// </summary>
    public static ModelManifest Canonicalize(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest with
        {
            Files = ByName(manifest.Files),
            Components = Ordered(manifest.Components, static p => (ComponentRank(p.Key), 0L)),
            Phonemes = manifest.Phonemes is { } phonemes
                ? phonemes with
                {
                    IdMap = Ordered(phonemes.IdMap, static p => (0, p.Value is { Count: > 0 } ids ? ids[0] : long.MaxValue)),
                    Map = ByName(phonemes.Map),
                }
                : null,
            Conditioning = manifest.Conditioning is { } conditioning
                ? conditioning with
                {
                    Speaker = conditioning.Speaker is { } speaker
                        ? speaker with { Presets = ByName(speaker.Presets), SpeakerIdMap = Ordered(speaker.SpeakerIdMap, static p => (0, p.Value)) }
                        : null,
                    Emotion = conditioning.Emotion is { } emotion ? emotion with { Prototypes = ByName(emotion.Prototypes) } : null,
                }
                : null,
            Metadata = ByName(manifest.Metadata),
        };
    }

    private static int ComponentRank(string name) => name switch
    {
        ModelComponentNames.Model => 0,
        ModelComponentNames.Acoustic => 1,
        ModelComponentNames.Vocoder => 2,
        ModelComponentNames.Encoder => 3,
        _ => 4,
    };

    private static OrderedDictionary<string, T> ByName<T>(IReadOnlyDictionary<string, T>? source) => Ordered(source, static _ => (0, 0L));

    private static OrderedDictionary<string, T> Ordered<T>(IReadOnlyDictionary<string, T>? source, Func<KeyValuePair<string, T>, (int Rank, long Id)> key)
    {
        var ordered = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        if (source is null)
        {
            return ordered;
        }

        foreach (var pair in source.OrderBy(p => key(p).Rank).ThenBy(p => key(p).Id).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            ordered.Add(pair.Key, pair.Value);
        }

        return ordered;
    }
}

using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Json;

/// <summary>
/// Fills in what a file left out. The source generator sets an init-only property missing from the JSON to its type's
/// default rather than to the property's initializer (dotnet/runtime#84484), so a missing string or collection reads as
/// null; this puts back <c>""</c> and empty collections, making the records as non-null as their types say. Null
/// elements inside lists and dictionaries are left for the validator to report.
/// </summary>
internal static class ManifestNormalizer
{
    public static ModelManifest Normalize(ModelManifest m) => m with
    {
        Schema = m.Schema ?? "",
        Name = m.Name ?? "",
        Version = m.Version ?? "",
        Files = m.Files ?? new Dictionary<string, ModelFile>(),
        Components = m.Components is null
            ? new Dictionary<string, ModelComponent>()
            : m.Components.ToDictionary(c => c.Key, c => c.Value is null ? null! : Normalize(c.Value), StringComparer.Ordinal),
        Phonemes = m.Phonemes is { } p
            ? p with
            {
                Alphabet = p.Alphabet ?? "",
                IdMap = p.IdMap ?? new Dictionary<string, IReadOnlyList<long>>(),
                Map = p.Map ?? new Dictionary<string, IReadOnlyList<string>>(),
            }
            : null,
        Conditioning = m.Conditioning is { } c
            ? c with
            {
                Speaker = c.Speaker is { } s
                    ? s with
                    {
                        Encoder = Normalize(s.Encoder),
                        Presets = s.Presets ?? new Dictionary<string, IReadOnlyList<float>>(),
                        SpeakerIdMap = s.SpeakerIdMap ?? new Dictionary<string, long>(),
                    }
                    : null,
                Emotion = c.Emotion is { } e
                    ? e with
                    {
                        Labels = e.Labels ?? [],
                        Prototypes = e.Prototypes ?? new Dictionary<string, IReadOnlyList<float>>(),
                        Encoder = Normalize(e.Encoder),
                    }
                    : null,
            }
            : null,
        Features = m.Features is { } f ? f with { Type = f.Type ?? "" } : null,
        Metadata = m.Metadata ?? new Dictionary<string, string>(),
    };

    private static ModelComponent Normalize(ModelComponent c) => c with
    {
        File = c.File ?? "",
        Inputs = c.Inputs?.Select(Normalize).ToArray() ?? [],
        Outputs = c.Outputs?.Select(Normalize).ToArray() ?? [],
    };

    private static TensorSpec Normalize(TensorSpec? t) =>
        t is null ? null! : t with { Name = t.Name ?? "", Shape = t.Shape ?? [] };

    private static EncoderRef? Normalize(EncoderRef? r) =>
        r is null ? null : r with { Name = r.Name ?? "", Version = r.Version ?? "" };
}

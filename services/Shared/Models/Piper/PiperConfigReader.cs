using System.Text.Json;
using VoiceFleet.Models.Json;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Piper;

/// <summary>
/// Parses a Piper config and checks the fields VoiceFleet uses; errors are <see cref="ModelManifestException"/>s that
/// name the Piper field (<c>voice.onnx.json: audio.sample_rate: …</c>).
/// </summary>
internal static class PiperConfigReader
{
    /// <summary>The begin, end and pad phonemes Piper always uses.</summary>
    public const string Bos = "^";

    /// <inheritdoc cref="Bos"/>
    public const string Eos = "$";

    /// <inheritdoc cref="Bos"/>
    public const string Pad = "_";

    public static PiperConfig Parse(ReadOnlySpan<byte> utf8Json, string fileName)
    {
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Json = utf8Json[3..];
        }

        PiperConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(utf8Json, PiperJsonContext.Default.PiperConfig);
        }
        catch (JsonException ex)
        {
            throw ManifestJson.ToManifestException(ex, fileName);
        }

        if (config is null)
        {
            throw new ModelManifestException(fileName, "", "the file holds null; expected a Piper voice config object");
        }

        Check(config, fileName);
        return config;
    }

    private static void Check(PiperConfig config, string file)
    {
        var rate = config.Audio?.SampleRate ?? throw new ModelManifestException(file, "audio.sample_rate", "is required");
        if (rate is < ModelManifestValidator.MinSampleRate or > ModelManifestValidator.MaxSampleRate)
        {
            throw new ModelManifestException(file, "audio.sample_rate", $"{rate} Hz is outside {ModelManifestValidator.MinSampleRate}–{ModelManifestValidator.MaxSampleRate} Hz");
        }

        CheckScale(file, "inference.noise_scale", config.Inference?.NoiseScale);
        CheckScale(file, "inference.length_scale", config.Inference?.LengthScale);
        CheckScale(file, "inference.noise_w", config.Inference?.NoiseW);
        if (config.PhonemeType is not (null or "espeak" or "text"))
        {
            throw new ModelManifestException(file, "phoneme_type", $"'{config.PhonemeType}' is not supported: espeak or text");
        }

        if (config.NumSymbols is int symbols && symbols < 1)
        {
            throw new ModelManifestException(file, "num_symbols", $"{symbols} is not positive");
        }

        CheckIdMap(config, file);
        CheckPhonemeMap(config, file);
        var speakers = config.NumSpeakers ?? 1;
        if (speakers < 1)
        {
            throw new ModelManifestException(file, "num_speakers", $"{speakers} is not positive");
        }

        foreach (var (name, id) in config.SpeakerIdMap ?? [])
        {
            if (name.Length == 0 || id < 0 || id >= speakers)
            {
                throw new ModelManifestException(
                    file,
                    JsonPaths.Property("speaker_id_map", name),
                    name.Length == 0 ? "a speaker name must not be empty" : $"id {id} is outside 0–{speakers - 1} (num_speakers {speakers})");
            }
        }
    }

    private static void CheckScale(string file, string path, float? value)
    {
        if (value is float scale && (!float.IsFinite(scale) || scale <= 0))
        {
            throw new ModelManifestException(file, path, $"{scale} is not a positive finite number");
        }
    }

    private static void CheckIdMap(PiperConfig config, string file)
    {
        if (config.PhonemeIdMap is null || config.PhonemeIdMap.Count == 0)
        {
            throw new ModelManifestException(file, "phoneme_id_map", "is required and must not be empty: each phoneme and its ids");
        }

        foreach (var (phoneme, ids) in config.PhonemeIdMap)
        {
            var path = JsonPaths.Property("phoneme_id_map", phoneme);
            if (phoneme.Length == 0)
            {
                throw new ModelManifestException(file, path, "a phoneme must not be empty");
            }

            if (ids is null || ids.Length == 0)
            {
                throw new ModelManifestException(file, path, $"phoneme '{phoneme}' has no ids");
            }

            for (var i = 0; i < ids.Length; i++)
            {
                if (ids[i] < 0 || (config.NumSymbols is int symbols && ids[i] >= symbols))
                {
                    throw new ModelManifestException(
                        file,
                        JsonPaths.Index(path, i),
                        config.NumSymbols is int n ? $"id {ids[i]} is outside 0–{n - 1} (num_symbols {n})" : $"id {ids[i]} is negative");
                }
            }
        }

        var missing = new[] { Bos, Pad, Eos }.Where(s => !config.PhonemeIdMap.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelManifestException(file, "phoneme_id_map", $"Piper voices need '^', '_' and '$'; missing: {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        }
    }

    private static void CheckPhonemeMap(PiperConfig config, string file)
    {
        foreach (var (phoneme, replacement) in config.PhonemeMap ?? [])
        {
            var path = JsonPaths.Property("phoneme_map", phoneme);
            if (phoneme.Length == 0)
            {
                throw new ModelManifestException(file, path, "a phoneme must not be empty");
            }

            if (replacement is null)
            {
                throw new ModelManifestException(file, path, "must be a list of phonemes");
            }

            for (var i = 0; i < replacement.Length; i++)
            {
                if (string.IsNullOrEmpty(replacement[i]))
                {
                    throw new ModelManifestException(file, JsonPaths.Index(path, i), "a phoneme must not be empty");
                }
            }
        }
    }
}

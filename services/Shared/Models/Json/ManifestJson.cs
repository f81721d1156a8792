using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Json;

/// <summary>Reads and writes model.json text (no validation: see <see cref="ModelManifestValidator"/>).</summary>
internal static class ManifestJson
{
    /// <summary>The largest manifest read (embeddings make manifests large, but not this large).</summary>
    public const int MaxBytes = 64 << 20;

    // Optional collections left out of the file when empty, so a manifest without presets has no "presets": {}.
    private static readonly HashSet<string> OmittedWhenEmpty = new(StringComparer.Ordinal) { "presets", "speakerIdMap", "prototypes", "map", "metadata" };

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Writing: the context's options with non-ASCII characters (IPA phonemes) written as themselves rather than
    /// <c>\uXXXX</c>, and empty optional collections left out.
    /// </summary>
    public static JsonSerializerOptions WriteOptions { get; } = CreateWriteOptions();

    /// <summary>Parses model.json bytes; JSON errors become <see cref="ModelManifestException"/> naming the path.</summary>
    public static ModelManifest Deserialize(ReadOnlySpan<byte> utf8Json, string fileName)
    {
        if (utf8Json.StartsWith(Utf8Bom))
        {
            utf8Json = utf8Json[Utf8Bom.Length..];
        }

        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(utf8Json, ModelManifestJsonContext.Default.ModelManifest);
        }
        catch (JsonException ex)
        {
            throw ToManifestException(ex, fileName);
        }

        if (manifest is null)
        {
            throw new ModelManifestException(fileName, "", "the file holds null; expected a manifest object");
        }

        manifest = ManifestNormalizer.Normalize(manifest);

        // The record defaults the schema for manifests built in code; a file must state it.
        return HasTopLevelProperty(utf8Json, "schema"u8) ? manifest : manifest with { Schema = "" };
    }

    /// <summary>The canonical model.json bytes of <paramref name="manifest"/>, ending with a newline.</summary>
    public static byte[] Serialize(ModelManifest manifest)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, (JsonTypeInfo<ModelManifest>)WriteOptions.GetTypeInfo(typeof(ModelManifest)));
        var bytes = new byte[json.Length + 1];
        json.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>A System.Text.Json error as a manifest error: the path, the message without STJ's own path suffix, the line.</summary>
    public static ModelManifestException ToManifestException(JsonException ex, string fileName)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        var where = ex.LineNumber is long line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        return new ModelManifestException(fileName, JsonPaths.FromSystemTextJson(ex.Path), $"invalid JSON: {message.TrimEnd('.')}{where}", ex);
    }

    private static bool HasTopLevelProperty(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }

    private static JsonSerializerOptions CreateWriteOptions()
    {
        var options = new JsonSerializerOptions(ModelManifestJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = ModelManifestJsonContext.Default.WithAddedModifier(OmitEmptyOptionalCollections),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyOptionalCollections(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (OmittedWhenEmpty.Contains(property.Name))
            {
                property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
            }
        }
    }
}

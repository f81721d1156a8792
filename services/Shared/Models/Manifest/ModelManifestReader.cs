using System.Text;
using VoiceFleet.Models.Json;

namespace VoiceFleet.Models.Manifest;

/// <summary>Reads model.json and validates it (<see cref="ModelManifestValidator"/>).</summary>
public static class ModelManifestReader
{
    /// <summary>Parses and validates manifest bytes (UTF-8, with or without a byte order mark).</summary>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <param name="fileName">The file name used in messages.</param>
    /// <exception cref="ModelManifestException">The JSON is malformed, a value has the wrong type, or a field is invalid; the message names the field by JSON path.</exception>
    public static ModelManifest Parse(ReadOnlySpan<byte> utf8Json, string fileName = ModelManifest.FileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var manifest = ManifestJson.Deserialize(utf8Json, fileName);
        ModelManifestValidator.Validate(manifest, fileName);
        return manifest;
    }

    /// <summary>Parses and validates manifest text.</summary>
    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, string)"/>
    public static ModelManifest Parse(string json, string fileName = ModelManifest.FileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), fileName);
    }

    /// <summary>Reads and validates a manifest file.</summary>
    /// <param name="path">The model.json file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ModelManifestException">The manifest is invalid (see <see cref="Parse(ReadOnlySpan{byte}, string)"/>) or too large.</exception>
    public static ModelManifest Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(ReadBytes(path, Path.GetFileName(path)), Path.GetFileName(path));
    }

    /// <summary>Reads a manifest file's bytes, refusing one over <see cref="ManifestJson.MaxBytes"/>.</summary>
    internal static byte[] ReadBytes(string path, string fileName)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > ManifestJson.MaxBytes)
        {
            throw new ModelManifestException(fileName, "", $"the file has {stream.Length} bytes; a manifest may have at most {ManifestJson.MaxBytes}");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

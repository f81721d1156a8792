using VoiceFleet.Models.IO;
using VoiceFleet.Models.Json;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Bundles;

/// <summary>
/// Writes a bundle directory for the model forge: the files given, and a model.json listing each with its size and
/// SHA-256. The directory appears complete or not at all: everything is written into a hidden temporary sibling
/// (<c>.&lt;version&gt;.tmp-&lt;guid&gt;</c>, which stores never list) and renamed into place. A bundle version is written once:
/// an existing directory is never replaced.
/// </summary>
public static class ModelBundleWriter
{
    /// <summary>Writes the bundle and returns its manifest as written (with <see cref="ModelManifest.Files"/> filled in).</summary>
    /// <param name="directory">The bundle directory to create, usually <c>&lt;store&gt;/&lt;name&gt;/&lt;version&gt;</c>; its parent is created if needed.</param>
    /// <param name="manifest">The manifest; its <see cref="ModelManifest.Files"/> are ignored and computed from <paramref name="files"/>.</param>
    /// <param name="files">Every file of the bundle by relative, <c>/</c>-separated name (for example <c>model.onnx</c>), with its bytes.</param>
    /// <param name="cancellationToken">Stops the writing between files (the temporary directory is removed).</param>
    /// <returns>The canonical manifest written to model.json.</returns>
    /// <exception cref="ModelManifestException">The manifest with its files is invalid (for example a component's file is not given); the message names the field.</exception>
    /// <exception cref="IOException"><paramref name="directory"/> already exists, or the writing failed.</exception>
    public static ModelManifest Write(
        string directory,
        ModelManifest manifest,
        IReadOnlyDictionary<string, byte[]> files,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(files);
        var entries = new Dictionary<string, ModelFile>(StringComparer.Ordinal);
        foreach (var (name, bytes) in files)
        {
            ArgumentNullException.ThrowIfNull(bytes, nameof(files));
            if (BundleFileNames.Problem(name) is { } problem)
            {
                throw new ModelManifestException(ModelManifest.FileName, JsonPaths.Property("files", name), problem);
            }

            entries.Add(name, new ModelFile { Sha256 = FileHashing.Hash(bytes), Bytes = bytes.LongLength });
        }

        var final = ModelManifestWriter.Canonicalize(manifest with { Files = entries });
        ModelManifestValidator.Validate(final);
        var json = ModelManifestWriter.ToBytes(final);

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new IOException($"'{target}' already exists; a bundle version is written once and never replaced.");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"'{target}' has no parent directory.");
        Directory.CreateDirectory(parent);
        var temp = Path.Join(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            foreach (var name in final.Files.Keys)
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteDurably(Path.Join(temp, name.Replace('/', Path.DirectorySeparatorChar)), files[name]);
            }

            WriteDurably(Path.Join(temp, ModelManifest.FileName), json);
            Directory.Move(temp, target);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return final;
    }

    private static void WriteDurably(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden temporary directory is never listed as a version.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

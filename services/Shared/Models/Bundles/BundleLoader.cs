using VoiceFleet.Models.IO;
using VoiceFleet.Models.Json;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Bundles;

/// <summary>Reads, verifies and opens a model.json bundle at a <see cref="BundleLocation"/>.</summary>
internal static class BundleLoader
{
    /// <summary>The manifest, parsed and validated; no file is read besides model.json.</summary>
    public static ModelManifest Describe(BundleLocation location)
    {
        var path = location.Resolve(ModelManifest.FileName, null);
        return ModelManifestReader.Parse(ModelManifestReader.ReadBytes(path, ModelManifest.FileName));
    }

    /// <summary>The bundle: manifest validated (and passed to <paramref name="check"/>), every file verified, sessions opened unless the options say otherwise.</summary>
    public static ModelBundle Load(BundleLocation location, ModelLoadOptions options, CancellationToken cancellationToken, Action<ModelManifest>? check = null)
    {
        var manifest = Describe(location);
        check?.Invoke(manifest);
        var directory = location.Directory;
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, file) in manifest.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jsonPath = JsonPaths.Property("files", name);
            var path = location.Resolve(name, jsonPath);
            Verify(path, name, file, jsonPath, directory, cancellationToken);
            paths.Add(name, path);
        }

        var bundle = new ModelBundle(manifest, directory, ModelBundleFormat.Bundle, ModelManifest.FileName, paths, options);
        if (!options.OpenSessions)
        {
            return bundle;
        }

        try
        {
            foreach (var component in manifest.Components.Keys)
            {
                bundle.GetSession(component);
            }

            return bundle;
        }
        catch
        {
            bundle.Dispose();
            throw;
        }
    }

    private static void Verify(string path, string name, ModelFile expected, string jsonPath, string directory, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new ModelManifestException(
                ModelManifest.FileName,
                jsonPath,
                Directory.Exists(path) ? $"'{name}' is a directory in '{directory}', not a file" : $"'{name}' does not exist in '{directory}'");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (stream.Length != expected.Bytes)
        {
            throw new ModelManifestException(
                ModelManifest.FileName,
                JsonPaths.Property(jsonPath, "bytes"),
                $"'{name}' has {stream.Length} bytes; the manifest says {expected.Bytes}");
        }

        var sha256 = FileHashing.Hash(stream, cancellationToken);
        if (sha256 != expected.Sha256)
        {
            throw new ModelManifestException(
                ModelManifest.FileName,
                JsonPaths.Property(jsonPath, "sha256"),
                $"'{name}' has sha256 {sha256}; the manifest says {expected.Sha256} (the file was changed or is damaged)");
        }
    }
}

using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.IO;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Piper;

namespace VoiceFleet.Models.Store;

/// <summary>
/// A directory of model bundles, <c>&lt;root&gt;/&lt;model&gt;/&lt;version&gt;/</c>, each holding a model.json bundle or a
/// Piper voice (<c>&lt;name&gt;.onnx</c> with <c>&lt;name&gt;.onnx.json</c>, no model.json).
/// </summary>
/// <remarks>
/// Names and versions from callers must match <see cref="ModelNames.Pattern"/>, so no separator, <c>..</c> or absolute
/// path gets through. Symbolic links are followed only while they stay inside the root: a model directory, version
/// directory, model.json or bundle file that resolves outside it is refused with a <see cref="ModelStoreException"/>;
/// listings leave such entries out. The store reads the file system on every call (nothing is cached), so bundles written
/// by <see cref="ModelBundleWriter"/> appear at once.
/// </remarks>
public sealed class ModelStore
{
    /// <summary>Opens the store at <see cref="ModelStoreOptions.Root"/>.</summary>
    /// <exception cref="ModelStoreException">The root is not an existing directory.</exception>
    public ModelStore(ModelStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Root = RealPath.Resolve(options.Root);
    }

    /// <summary>The root directory, with symbolic links resolved.</summary>
    public string Root { get; }

    /// <summary>The models: valid-named directories under the root (that stay inside it), in ordinal order.</summary>
    public IReadOnlyList<string> ListModels() =>
        Children(Root).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The versions of <paramref name="name"/> that hold a bundle (model.json or a Piper voice), in natural order
    /// (<see cref="ModelVersionComparer"/>: v9, v10, v21, v23, then others alphabetically).
    /// </summary>
    /// <exception cref="ModelStoreException">The name is invalid, or its directory leads out of the store.</exception>
    /// <exception cref="ModelNotFoundException">The store has no such model.</exception>
    public IReadOnlyList<string> ListVersions(string name)
    {
        var directory = ModelDirectory(name);
        return Children(directory)
            .Where(version => IsBundle(Path.Join(directory, version)))
            .Order(ModelVersionComparer.Instance)
            .ToList();
    }

    /// <summary>The manifest of a version, validated, without reading or hashing the model files.</summary>
    /// <exception cref="ModelStoreException">A name is invalid, a path leads out of the store, or the version directory holds no bundle.</exception>
    /// <exception cref="ModelNotFoundException">The store has no such model or version.</exception>
    /// <exception cref="ModelManifestException">The manifest is invalid, or its name or version differs from the directories'.</exception>
    public ModelManifest Describe(string name, string version)
    {
        var location = Locate(name, version);
        if (HasManifest(location))
        {
            return CheckIdentity(BundleLoader.Describe(location), name, version);
        }

        return PiperVoiceLoader.ReadVoiceManifest(PiperFiles(location), name, version);
    }

    /// <summary>
    /// Loads a version: the manifest validated, every file checked (inside the store, size, SHA-256), the ONNX sessions
    /// opened and checked against the declared tensors (see <see cref="ModelBundle.Load"/>).
    /// </summary>
    /// <param name="name">The model.</param>
    /// <param name="version">The version.</param>
    /// <param name="options">Session options and environment; <see cref="ModelLoadOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the hashing between blocks.</param>
    /// <inheritdoc cref="Describe" path="/exception"/>
    public ModelBundle Load(string name, string version, ModelLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var location = Locate(name, version);
        options ??= ModelLoadOptions.Default;
        if (!HasManifest(location))
        {
            return PiperVoiceLoader.LoadVoice(PiperFiles(location), name, version, options, cancellationToken);
        }

        return BundleLoader.Load(location, options, cancellationToken, manifest => CheckIdentity(manifest, name, version));
    }

    private static ModelManifest CheckIdentity(ModelManifest manifest, string name, string version)
    {
        if (manifest.Name != name)
        {
            throw new ModelManifestException(ModelManifest.FileName, "name", $"'{manifest.Name}' differs from its store directory '{name}'");
        }

        if (manifest.Version != version)
        {
            throw new ModelManifestException(ModelManifest.FileName, "version", $"'{manifest.Version}' differs from its store directory '{version}'");
        }

        return manifest;
    }

    private static bool IsBundle(string directory) =>
        File.Exists(Path.Join(directory, ModelManifest.FileName)) || PiperVoiceLoader.TryFind(directory, out _, out _);

    private static bool HasManifest(BundleLocation location) =>
        File.Exists(location.Resolve(ModelManifest.FileName, null));

    private PiperVoiceFiles PiperFiles(BundleLocation location)
    {
        var directory = location.Directory;
        if (!PiperVoiceLoader.TryFind(directory, out var files, out var problem))
        {
            throw new ModelStoreException($"'{location.Prefix}' in the store '{Root}' holds no {ModelManifest.FileName} and no Piper voice: {problem}.");
        }

        return new PiperVoiceFiles(
            location.Resolve(Path.GetFileName(files!.ModelPath), null),
            location.Resolve(Path.GetFileName(files.ConfigPath), null));
    }

    private string ModelDirectory(string name)
    {
        CheckName(name, "model name");
        var directory = ContainedPath.Resolve(Root, name, (path, real) => Outside(path, real));
        return Directory.Exists(directory) ? directory : throw new ModelNotFoundException(name, null, ListModels(), Root);
    }

    private BundleLocation Locate(string name, string version)
    {
        CheckName(name, "model name");
        CheckName(version, "version");
        _ = ModelDirectory(name);
        var prefix = $"{name}/{version}";
        var directory = ContainedPath.Resolve(Root, prefix, (path, real) => Outside(path, real));
        if (!Directory.Exists(directory))
        {
            throw new ModelNotFoundException(name, version, ListVersions(name), Root);
        }

        return new BundleLocation(Root, prefix, (path, real, _) => Outside(path, real));
    }

    private ModelStoreException Outside(string path, string real) =>
        new($"'{path}' resolves to '{real}', outside the store root '{Root}'; symbolic links must stay inside the store.");

    private static void CheckName(string? value, string what)
    {
        if (ModelNames.IsValid(value))
        {
            return;
        }

        var reason = value switch
        {
            null or "" => "it is empty",
            _ when value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) => "it contains a path separator",
            "." or ".." => "it is a relative path segment",
            _ when Path.IsPathRooted(value) => "it is an absolute path",
            _ => $"it does not match {ModelNames.Pattern}",
        };
        throw new ModelStoreException($"Refused {what} '{BundleFileNames.Printable(value ?? "")}': {reason}; names are 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit.");
    }

    /// <summary>Valid-named subdirectories of <paramref name="directory"/> whose real paths stay inside the root.</summary>
    private IEnumerable<string> Children(string directory)
    {
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (ModelNames.IsValid(name) && StaysInside(child))
            {
                yield return name;
            }
        }
    }

    private bool StaysInside(string path)
    {
        try
        {
            return RealPath.IsInside(Root, RealPath.Resolve(path));
        }
        catch (IOException)
        {
            // A link cycle: not listed; naming it fails with the IOException.
            return false;
        }
    }
}

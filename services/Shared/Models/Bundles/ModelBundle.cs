using VoiceFleet.Models.Json;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Piper;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Models.Bundles;

/// <summary>
/// A loaded model: its validated manifest, its verified files and an <see cref="OnnxSession"/> per component, each
/// checked against the tensors the manifest declares. Disposing releases the sessions the bundle opened.
/// </summary>
/// <remarks>
/// Load one with <see cref="Load"/> (a directory holding model.json or a Piper voice), <see cref="Store.ModelStore.Load"/>
/// or <see cref="PiperVoiceLoader.Load"/>. <see cref="GetSession"/> is thread-safe; sessions serve concurrent runs.
/// </remarks>
public sealed class ModelBundle : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, OnnxSession> sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> filePaths;
    private readonly ModelLoadOptions options;
    private bool disposed;

    internal ModelBundle(
        ModelManifest manifest,
        string directoryPath,
        ModelBundleFormat format,
        string manifestFile,
        Dictionary<string, string> filePaths,
        ModelLoadOptions options)
    {
        Manifest = manifest;
        DirectoryPath = directoryPath;
        Format = format;
        ManifestFile = manifestFile;
        this.filePaths = filePaths;
        this.options = options;
    }

    /// <summary>The validated manifest (for a Piper voice, completed from the model's real tensors).</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The bundle's directory, with symbolic links resolved.</summary>
    public string DirectoryPath { get; }

    /// <summary>A VoiceFleet bundle or a Piper voice.</summary>
    public ModelBundleFormat Format { get; }

    /// <summary>The manifest's file name: <c>model.json</c>, or the Piper voice's <c>.onnx.json</c>.</summary>
    public string ManifestFile { get; }

    /// <summary>The verified files by bundle-relative name, each with its full path (links resolved).</summary>
    public IReadOnlyDictionary<string, string> FilePaths => filePaths;

    /// <summary>The full path of the bundle file named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The bundle has no such file.</exception>
    public string GetFilePath(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return filePaths.TryGetValue(name, out var path)
            ? path
            : throw new KeyNotFoundException($"Model '{Manifest.Name}' {Manifest.Version} has no file '{name}'; its files: {string.Join(", ", filePaths.Keys)}.");
    }

    /// <summary>
    /// Loads the bundle in <paramref name="directory"/>: model.json, or else a Piper voice (<see cref="PiperVoiceLoader"/>).
    /// Every file listed is checked (inside the directory after following links, present, of its size and SHA-256), then,
    /// unless <see cref="ModelLoadOptions.OpenSessions"/> is false, every component's session is opened and checked.
    /// </summary>
    /// <param name="directory">The bundle directory.</param>
    /// <param name="options">Session options and environment; <see cref="ModelLoadOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the hashing between blocks.</param>
    /// <exception cref="DirectoryNotFoundException">There is no such directory.</exception>
    /// <exception cref="FileNotFoundException">The directory holds neither model.json nor a Piper voice.</exception>
    /// <exception cref="ModelManifestException">The manifest is invalid, a file does not match it, or a model's tensors differ from those declared.</exception>
    public static ModelBundle Load(string directory, ModelLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Model bundle directory '{Path.GetFullPath(directory)}' does not exist.");
        }

        options ??= ModelLoadOptions.Default;
        if (File.Exists(Path.Join(directory, ModelManifest.FileName)))
        {
            return BundleLoader.Load(BundleLocation.Standalone(directory, ModelManifest.FileName), options, cancellationToken);
        }

        if (PiperVoiceLoader.TryFind(directory, out _, out var problem))
        {
            return PiperVoiceLoader.Load(directory, options, cancellationToken: cancellationToken);
        }

        throw new FileNotFoundException(
            $"'{Path.GetFullPath(directory)}' holds no {ModelManifest.FileName}, and no Piper voice: {problem}.",
            Path.Join(Path.GetFullPath(directory), ModelManifest.FileName));
    }

    /// <summary>
    /// The bundle's session for <paramref name="component"/>, opened on first use with the load's options and checked
    /// against the manifest; the bundle owns it (do not dispose it).
    /// </summary>
    /// <param name="component">A component name (<see cref="ModelComponentNames"/>).</param>
    /// <exception cref="KeyNotFoundException">The bundle has no such component.</exception>
    /// <exception cref="ModelManifestException">The model cannot be loaded, or its tensors differ from those declared.</exception>
    /// <exception cref="ObjectDisposedException">The bundle was disposed.</exception>
    public OnnxSession GetSession(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!sessions.TryGetValue(component, out var session))
            {
                session = OpenChecked(component, options.SessionOptions);
                sessions.Add(component, session);
            }

            return session;
        }
    }

    /// <summary>
    /// Opens a new session for <paramref name="component"/> with other options (for example on CUDA), checked against
    /// the manifest; the caller owns and disposes it.
    /// </summary>
    /// <param name="component">A component name (<see cref="ModelComponentNames"/>).</param>
    /// <param name="sessionOptions">The session's options; the load's when null.</param>
    /// <inheritdoc cref="GetSession" path="/exception"/>
    public OnnxSession OpenSession(string component, OnnxSessionOptions? sessionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(component);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
        }

        return OpenChecked(component, sessionOptions ?? options.SessionOptions);
    }

    /// <summary>Disposes the sessions the bundle opened; sessions from <see cref="OpenSession"/> are the caller's.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }

            sessions.Clear();
        }
    }

    /// <summary>Adds a session opened (and checked) during the load.</summary>
    internal void Adopt(string component, OnnxSession session)
    {
        lock (gate)
        {
            sessions.Add(component, session);
        }
    }

    private OnnxSession OpenChecked(string componentName, OnnxSessionOptions? sessionOptions)
    {
        var component = Manifest.GetComponent(componentName);
        var session = Open(ManifestFile, componentName, component.File, GetFilePath(component.File), sessionOptions, options.Environment);
        try
        {
            SessionSignature.Check(ManifestFile, componentName, component, session);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Opens a model file; an ORT failure becomes a manifest error at the component's file.</summary>
    internal static OnnxSession Open(
        string manifestFile,
        string componentName,
        string fileName,
        string path,
        OnnxSessionOptions? sessionOptions,
        OnnxRuntimeEnvironment? environment)
    {
        try
        {
            return OnnxSession.Open(path, sessionOptions, environment);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelManifestException(
                manifestFile,
                JsonPaths.Property(JsonPaths.Property("components", componentName), "file"),
                $"ONNX Runtime cannot load '{fileName}': {ex.NativeMessage}",
                ex);
        }
    }
}

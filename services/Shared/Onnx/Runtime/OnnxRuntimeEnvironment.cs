using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// The process's ONNX Runtime: the loaded native library and its one <c>OrtEnv</c>. ORT keeps a single
/// environment per process, so this is created once (by the first <see cref="GetOrCreate"/>) and lives until
/// the process ends; sessions are created against it.
/// </summary>
public sealed class OnnxRuntimeEnvironment
{
    private static readonly Lock Gate = new();
    private static OnnxRuntimeEnvironment? current;

    private OnnxRuntimeEnvironment(OrtApi api, OrtEnvHandle handle, OnnxRuntimeOptions options, ILoggerFactory loggerFactory)
    {
        Api = api;
        Handle = handle;
        Options = options;
        LoggerFactory = loggerFactory;
    }

    /// <summary>The environment, created with default options (ORT logs to stderr) if nothing created it before.</summary>
    public static OnnxRuntimeEnvironment Default => GetOrCreate();

    /// <summary>The native library's version, from <c>OrtApiBase::GetVersionString</c> (e.g. "1.30.0").</summary>
    public string Version => Api.Version;

    /// <summary>The C API version in use: the highest the binding knows that the library answers.</summary>
    public int ApiVersion => (int)Api.ApiVersion;

    /// <summary>Where the native library was loaded from.</summary>
    public string LibraryPath => Api.LibraryPath;

    /// <summary>The options the environment was created with.</summary>
    public OnnxRuntimeOptions Options { get; }

    /// <summary>Where ORT's messages and the binding's own (such as a CUDA fallback) are logged.</summary>
    public ILoggerFactory LoggerFactory { get; }

    internal OrtApi Api { get; }

    internal OrtEnvHandle Handle { get; }

    /// <summary>
    /// Returns the process's environment, creating it on the first call: loads the native library, requests the
    /// C API and creates the <c>OrtEnv</c>. With a logger factory, ORT's messages go to an <see cref="ILogger"/>
    /// (category <c>VoiceFleet.Onnx.Runtime.OnnxRuntime</c>); without one ORT writes them to stderr. Later calls
    /// return the same environment; if they ask for different settings those are ignored, and a warning says so.
    /// </summary>
    /// <param name="options">Library path and log level; defaults when null.</param>
    /// <param name="loggerFactory">Where to log; ORT's own stderr sink when null.</param>
    /// <exception cref="DllNotFoundException">The native library is missing (run <c>./fleet setup</c>).</exception>
    /// <exception cref="OnnxRuntimeException">ORT refused to create the environment.</exception>
    public static OnnxRuntimeEnvironment GetOrCreate(OnnxRuntimeOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        var existing = Volatile.Read(ref current);
        if (existing is null)
        {
            lock (Gate)
            {
                existing = current;
                if (existing is null)
                {
                    // Published only once created: a failure (say, no library yet) leaves the next call free to retry.
                    current = Create(options ?? new OnnxRuntimeOptions(), loggerFactory);
                    return current;
                }
            }
        }

        if ((options is not null && options != existing.Options) || (loggerFactory is not null && !(existing.LoggerFactory is OutlivingLoggerFactory outliving && outliving.Inner == loggerFactory)))
        {
            OnnxRuntimeLog.EnvironmentExists(
                existing.LoggerFactory.CreateLogger<OnnxRuntimeEnvironment>(), existing.LibraryPath, existing.Options.LogLevel);
        }

        return existing;
    }

    private static OnnxRuntimeEnvironment Create(OnnxRuntimeOptions options, ILoggerFactory? loggerFactory)
    {
        loggerFactory = loggerFactory is null ? null : new OutlivingLoggerFactory(loggerFactory);
        var api = OrtApi.Load(options.LibraryPath);
        var level = OrtLogLevels.ToOrt(options.LogLevel);
        var handle = loggerFactory is null
            ? api.CreateEnv(level, options.LogId)
            : api.CreateEnvWithLogger(level, options.LogId, new OrtLogBridge(loggerFactory.CreateLogger("VoiceFleet.Onnx.Runtime.OnnxRuntime")));
        return new OnnxRuntimeEnvironment(api, handle, options, loggerFactory ?? NullLoggerFactory.Instance);
    }
}

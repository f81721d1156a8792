namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// Where the ONNX Runtime native library is found: an explicitly configured path, else the
/// <c>VOICEFLEET_ORT_LIBRARY</c> environment variable, else <c>.tools/onnxruntime/1.30.0/libonnxruntime.so.1</c>
/// in the nearest folder above the application that has one (where <c>./fleet setup</c> installs it).
/// </summary>
public static class OnnxRuntimeLibrary
{
    /// <summary>The environment variable that points at the native library.</summary>
    public const string EnvironmentVariable = "VOICEFLEET_ORT_LIBRARY";

    /// <summary>The ONNX Runtime version VoiceFleet is built and tested against.</summary>
    public const string ExpectedVersion = "1.30.0";

    /// <summary>Where <c>./fleet setup</c> installs the library, relative to the repository root.</summary>
    public static readonly string SetupRelativePath = Path.Combine(".tools", "onnxruntime", ExpectedVersion, "libonnxruntime.so.1");

    /// <summary>Finds the library from the configured path, the environment and the application's location.</summary>
    /// <param name="configuredPath">An explicit path from configuration; wins over everything else.</param>
    /// <returns>The full path of an existing file.</returns>
    /// <exception cref="DllNotFoundException">No library where it was looked for; the message says where and how to install it.</exception>
    public static string ResolvePath(string? configuredPath = null) =>
        ResolvePath(configuredPath, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);

    /// <summary>The lookup itself, with the environment and the starting folder passed in (so tests need not change the process).</summary>
    internal static string ResolvePath(string? configuredPath, string? environmentValue, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return Existing(configuredPath, "the configured OnnxRuntime library path");
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Existing(environmentValue, $"{EnvironmentVariable}");
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SetupRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DllNotFoundException(
            $"ONNX Runtime {ExpectedVersion} native library not found: no {SetupRelativePath} in any folder above '{baseDirectory}', " +
            $"and neither a configured path nor {EnvironmentVariable} is set. Run `./fleet setup` to install it, or point {EnvironmentVariable} at libonnxruntime.so.1.");
    }

    private static string Existing(string path, string source)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new DllNotFoundException(
                $"ONNX Runtime native library not found at '{full}' (from {source}). Run `./fleet setup` to install ONNX Runtime {ExpectedVersion} " +
                $"into {SetupRelativePath}, or fix the path.");
        }

        return full;
    }
}

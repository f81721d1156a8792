using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// The native ONNX Runtime C API: the library loaded once, its <c>OrtApi</c> function table, and a typed
/// wrapper per function this binding uses (the other parts of this partial type). Every wrapper that returns
/// an <c>OrtStatus*</c> goes through <see cref="Check"/>, so a failure is always an <see cref="OnnxRuntimeException"/>.
/// </summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary>The API version requested first: the one the header this binding was written from documents (ORT 1.30).</summary>
    internal const uint RequestedApiVersion = 30;

    /// <summary>The oldest API version whose table has every function in <see cref="OrtApiIndex"/>.</summary>
    internal const uint MinimumApiVersion = 13;

    private readonly nint* functions;

    private OrtApi(string libraryPath, nint library, nint* functions, uint apiVersion, string version)
    {
        LibraryPath = libraryPath;
        Library = library;
        this.functions = functions;
        ApiVersion = apiVersion;
        Version = version;
        DefaultAllocator = GetAllocatorWithDefaultOptions();
        CpuMemoryInfo = CreateCpuMemoryInfo();
    }

    /// <summary>The path the native library was loaded from.</summary>
    internal string LibraryPath { get; }

    /// <summary>The OS handle of the loaded library (never unloaded: ORT keeps threads and globals alive).</summary>
    internal nint Library { get; }

    /// <summary>The API version the library answered <c>GetApi</c> for.</summary>
    internal uint ApiVersion { get; }

    /// <summary>The library's own version string, e.g. "1.30.0".</summary>
    internal string Version { get; }

    /// <summary>ORT's default CPU allocator: it owns the strings ORT hands back (names, metadata); never released.</summary>
    internal nint DefaultAllocator { get; }

    /// <summary>Describes ordinary CPU memory, for tensors over pinned managed buffers. One for the process.</summary>
    internal OrtMemoryInfoHandle CpuMemoryInfo { get; }

    /// <summary>
    /// Loads the native library (see <see cref="OnnxRuntimeLibrary.ResolvePath(string?)"/>), calls
    /// <c>OrtGetApiBase()</c> and asks <c>GetApi</c> for the highest version from <see cref="RequestedApiVersion"/>
    /// down to <see cref="MinimumApiVersion"/> that the library answers.
    /// </summary>
    internal static OrtApi Load(string? configuredPath)
    {
        var path = OnnxRuntimeLibrary.ResolvePath(configuredPath);
        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            // The file is there but does not load (wrong architecture, missing dependency, truncated download).
            throw new DllNotFoundException(
                $"ONNX Runtime at '{path}' exists but could not be loaded: {ex.Message} Run `./fleet setup` to reinstall it.", ex);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBaseExport))
        {
            throw new DllNotFoundException($"'{path}' is not an ONNX Runtime library: it does not export OrtGetApiBase. Run `./fleet setup`.");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        var apiBase = ((delegate* unmanaged<nint*>)getApiBaseExport)();
        var getApi = (delegate* unmanaged<uint, nint*>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";

        for (var apiVersion = RequestedApiVersion; apiVersion >= MinimumApiVersion; apiVersion--)
        {
            var table = getApi(apiVersion);
            if (table is not null)
            {
                return new OrtApi(path, library, table, apiVersion, version);
            }
        }

        throw new OnnxRuntimeException(
            OnnxErrorCode.NotImplemented,
            $"ONNX Runtime {version} at '{path}' answers no C API version from {MinimumApiVersion} to {RequestedApiVersion}; VoiceFleet needs 1.30.0 (run `./fleet setup`).");
    }

    /// <summary>The function pointer at a position in the table.</summary>
    private nint Fn(OrtApiIndex index) => functions[(int)index];

    /// <summary>Throws the ORT error a non-null status carries, releasing the status first.</summary>
    internal void Check(nint status)
    {
        if (status != 0)
        {
            throw ToException(status);
        }
    }

    /// <summary>Reads code and message out of a non-null status and releases it.</summary>
    internal OnnxRuntimeException ToException(nint status)
    {
        try
        {
            var code = ((delegate* unmanaged<nint, int>)Fn(OrtApiIndex.GetErrorCode))(status);
            var message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)Fn(OrtApiIndex.GetErrorMessage))(status));
            return new OnnxRuntimeException((OnnxErrorCode)code, message ?? "ONNX Runtime reported an error without a message.");
        }
        finally
        {
            ReleaseStatus(status);
        }
    }

    /// <summary>Releases a status without reading it (for release paths that must not throw).</summary>
    internal void ReleaseStatus(nint status) => ((delegate* unmanaged<nint, void>)Fn(OrtApiIndex.ReleaseStatus))(status);

    /// <summary>Calls one of the <c>Release*</c> functions; all take the object pointer and return nothing.</summary>
    internal void Release(OrtApiIndex releaseFunction, nint pointer) => ((delegate* unmanaged<nint, void>)Fn(releaseFunction))(pointer);

    /// <summary>Frees memory ORT allocated with <see cref="DefaultAllocator"/> (returned names and metadata strings).</summary>
    internal void AllocatorFree(nint pointer)
    {
        var status = ((delegate* unmanaged<nint, nint, nint>)Fn(OrtApiIndex.AllocatorFree))(DefaultAllocator, pointer);
        if (status != 0)
        {
            // Freeing is on release paths, which must not throw; a failure here would only leak.
            ReleaseStatus(status);
        }
    }

    private nint GetAllocatorWithDefaultOptions()
    {
        nint allocator;
        Check(((delegate* unmanaged<nint*, nint>)Fn(OrtApiIndex.GetAllocatorWithDefaultOptions))(&allocator));
        return allocator;
    }

    private OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        const int OrtDeviceAllocator = 0;
        const int OrtMemTypeDefault = 0;
        var handle = new OrtMemoryInfoHandle(this);
        nint info;
        Check(((delegate* unmanaged<int, int, nint*, nint>)Fn(OrtApiIndex.CreateCpuMemoryInfo))(OrtDeviceAllocator, OrtMemTypeDefault, &info));
        handle.Attach(info);
        return handle;
    }
}

using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>The binding's log messages (source-generated, so a disabled level costs nothing).</summary>
internal static partial class OnnxRuntimeLog
{
    [LoggerMessage(EventId = 1, Message = "ORT [{Category}] {LogId} {CodeLocation}: {Message}")]
    internal static partial void NativeMessage(ILogger logger, LogLevel level, string? category, string? logId, string? codeLocation, string? message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "CUDA execution provider (device {DeviceId}) unavailable, falling back to CPU: {Error}")]
    internal static partial void CudaFallback(ILogger logger, int deviceId, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "The ONNX Runtime environment already exists (library {LibraryPath}, log level {LogLevel}); the settings of this later request are ignored.")]
    internal static partial void EnvironmentExists(ILogger logger, string libraryPath, LogLevel logLevel);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Output {Output} came back as {Actual} but the model declares {Declared}; the run was repeated and the output is read as dynamic from now on.")]
    internal static partial void DeclaredShapeDiffers(ILogger logger, string output, string declared, string actual);
}

using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>How the process-wide ONNX Runtime environment is set up.</summary>
public sealed record OnnxRuntimeOptions
{
    /// <summary>
    /// The native library to load; when null, <c>VOICEFLEET_ORT_LIBRARY</c>, then the copy <c>./fleet setup</c>
    /// installed (see <see cref="OnnxRuntimeLibrary"/>).
    /// </summary>
    public string? LibraryPath { get; init; }

    /// <summary>The least severe ORT message that is emitted at all (ORT filters before calling the logger).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>The id ORT tags the environment's log messages with.</summary>
    public string LogId { get; init; } = "voicefleet";
}

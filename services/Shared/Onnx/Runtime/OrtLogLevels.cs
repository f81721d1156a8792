using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>Maps between <see cref="LogLevel"/> and ORT's severities.</summary>
internal static class OrtLogLevels
{
    /// <summary>The ORT severity that lets through the messages a logger at <paramref name="level"/> would show.</summary>
    internal static OrtLoggingLevel ToOrt(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => OrtLoggingLevel.Verbose,
        LogLevel.Information => OrtLoggingLevel.Info,
        LogLevel.Warning => OrtLoggingLevel.Warning,
        LogLevel.Error => OrtLoggingLevel.Error,
        _ => OrtLoggingLevel.Fatal,
    };

    /// <summary>The <see cref="LogLevel"/> an ORT message of a severity is logged at.</summary>
    internal static LogLevel FromOrt(int severity) => severity switch
    {
        0 => LogLevel.Trace,
        1 => LogLevel.Information,
        2 => LogLevel.Warning,
        3 => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}

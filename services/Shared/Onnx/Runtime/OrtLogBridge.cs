using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// Receives ORT's log messages (the <c>OrtLoggingFunction</c> given to <c>CreateEnvWithCustomLogger</c>) and
/// writes them to an <see cref="ILogger"/>. ORT calls from any of its threads, for the environment's whole life.
/// </summary>
internal sealed class OrtLogBridge(ILogger logger)
{
    /// <summary>The logger ORT's messages go to.</summary>
    internal ILogger Logger { get; } = logger;

    /// <summary>
    /// <c>void(void* param, OrtLoggingLevel severity, const char* category, const char* logid,
    /// const char* code_location, const char* message)</c>. Never lets an exception out: one crossing back into
    /// native code would bring the process down.
    /// </summary>
    [UnmanagedCallersOnly]
    internal static unsafe void Log(nint param, int severity, byte* category, byte* logId, byte* codeLocation, byte* message)
    {
        try
        {
            if (GCHandle.FromIntPtr(param).Target is not OrtLogBridge bridge)
            {
                return;
            }

            var level = OrtLogLevels.FromOrt(severity);
            if (bridge.Logger.IsEnabled(level))
            {
                // Decoded only once the level is known to be wanted.
                var categoryText = Marshal.PtrToStringUTF8((nint)category);
                var logIdText = Marshal.PtrToStringUTF8((nint)logId);
                var locationText = Marshal.PtrToStringUTF8((nint)codeLocation);
                var messageText = Marshal.PtrToStringUTF8((nint)message);
                OnnxRuntimeLog.NativeMessage(bridge.Logger, level, categoryText, logIdText, locationText, messageText);
            }
        }
#pragma warning disable CA1031 // A logging sink that throws must not crash the process through native frames.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>Environment creation.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary><c>CreateEnv</c>: ORT logs to its own default sink (stderr) at and above the level.</summary>
    internal OrtEnvHandle CreateEnv(OrtLoggingLevel level, string logId)
    {
        var handle = new OrtEnvHandle(this);
        var id = Utf8(logId);
        nint env;
        fixed (byte* idPtr = id)
        {
            Check(((delegate* unmanaged<int, byte*, nint*, nint>)Fn(OrtApiIndex.CreateEnv))((int)level, idPtr, &env));
        }

        handle.Attach(env);
        return handle;
    }

    /// <summary><c>CreateEnvWithCustomLogger</c>: ORT calls <paramref name="bridge"/> for every message at and above the level.</summary>
    internal OrtEnvHandle CreateEnvWithLogger(OrtLoggingLevel level, string logId, OrtLogBridge bridge)
    {
        var handle = new OrtEnvHandle(this) { LogBridge = GCHandle.Alloc(bridge) };
        var id = Utf8(logId);
        nint env;
        fixed (byte* idPtr = id)
        {
            var status = ((delegate* unmanaged<delegate* unmanaged<nint, int, byte*, byte*, byte*, byte*, void>, nint, int, byte*, nint*, nint>)Fn(OrtApiIndex.CreateEnvWithCustomLogger))(
                &OrtLogBridge.Log, GCHandle.ToIntPtr(handle.LogBridge), (int)level, idPtr, &env);
            if (status != 0)
            {
                handle.LogBridge.Free();
                throw ToException(status);
            }
        }

        handle.Attach(env);
        return handle;
    }

    /// <summary>A NUL-terminated UTF-8 copy of a string, for <c>const char*</c> parameters.</summary>
    internal static byte[] Utf8(string value)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(value) + 1];
        System.Text.Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}

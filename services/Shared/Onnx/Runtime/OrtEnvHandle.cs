using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// An owned <c>OrtEnv*</c>, released with <c>ReleaseEnv</c>. When the environment logs through
/// <see cref="OrtLogBridge"/>, the handle also owns the GC handle ORT passes back to the callback, and frees it
/// only after the environment is gone (ORT may log until then).
/// </summary>
internal sealed class OrtEnvHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseEnv)
{
    /// <summary>The bridge ORT's log callback receives, when there is one.</summary>
    internal GCHandle LogBridge { get; set; }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        base.ReleaseHandle();
        if (LogBridge.IsAllocated)
        {
            LogBridge.Free();
        }

        return true;
    }
}

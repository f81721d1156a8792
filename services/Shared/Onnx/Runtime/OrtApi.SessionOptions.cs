namespace VoiceFleet.Onnx.Runtime;

/// <summary>Session options.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary><c>CreateSessionOptions</c>.</summary>
    internal OrtSessionOptionsHandle CreateSessionOptions()
    {
        var handle = new OrtSessionOptionsHandle(this);
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Fn(OrtApiIndex.CreateSessionOptions))(&options));
        handle.Attach(options);
        return handle;
    }

    /// <summary>Calls a session-option setter of the form <c>OrtStatus* f(OrtSessionOptions*)</c>.</summary>
    internal void SetOption(OrtSessionOptionsHandle options, OrtApiIndex setter) =>
        Check(((delegate* unmanaged<nint, nint>)Fn(setter))(options.Pointer));

    /// <summary>Calls a session-option setter of the form <c>OrtStatus* f(OrtSessionOptions*, int)</c> (enums included).</summary>
    internal void SetOption(OrtSessionOptionsHandle options, OrtApiIndex setter, int value) =>
        Check(((delegate* unmanaged<nint, int, nint>)Fn(setter))(options.Pointer, value));

    /// <summary>
    /// <c>SessionOptionsAppendExecutionProvider_CUDA</c>. Returns ORT's error instead of throwing: a missing CUDA
    /// provider is an expected outcome the caller falls back from.
    /// </summary>
    internal OnnxRuntimeException? TryAppendCuda(OrtSessionOptionsHandle options, int deviceId)
    {
        var cuda = OrtCudaProviderOptions.Defaults(deviceId);
        var status = ((delegate* unmanaged<nint, OrtCudaProviderOptions*, nint>)Fn(OrtApiIndex.SessionOptionsAppendExecutionProvider_CUDA))(options.Pointer, &cuda);
        return status == 0 ? null : ToException(status);
    }
}

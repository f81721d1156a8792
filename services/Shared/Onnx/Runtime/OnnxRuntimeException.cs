namespace VoiceFleet.Onnx.Runtime;

/// <summary>A failure reported by ONNX Runtime, with its error code and message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates an exception for an ORT status.</summary>
    /// <param name="errorCode">ORT's error code.</param>
    /// <param name="message">ORT's message.</param>
    public OnnxRuntimeException(OnnxErrorCode errorCode, string message)
        : base($"ONNX Runtime error {errorCode}: {message}")
    {
        ErrorCode = errorCode;
        NativeMessage = message;
    }

    /// <summary>Creates an exception with the generic <see cref="OnnxErrorCode.Fail"/> code.</summary>
    public OnnxRuntimeException()
        : this(OnnxErrorCode.Fail, "unspecified failure")
    {
    }

    /// <summary>Creates an exception with the generic <see cref="OnnxErrorCode.Fail"/> code.</summary>
    /// <param name="message">What failed.</param>
    public OnnxRuntimeException(string message)
        : this(OnnxErrorCode.Fail, message)
    {
    }

    /// <summary>Creates an exception with the generic <see cref="OnnxErrorCode.Fail"/> code and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public OnnxRuntimeException(string message, Exception innerException)
        : base($"ONNX Runtime error {OnnxErrorCode.Fail}: {message}", innerException)
    {
        ErrorCode = OnnxErrorCode.Fail;
        NativeMessage = message;
    }

    /// <summary>ORT's error code.</summary>
    public OnnxErrorCode ErrorCode { get; }

    /// <summary>ORT's message, as it reported it.</summary>
    public string NativeMessage { get; }
}

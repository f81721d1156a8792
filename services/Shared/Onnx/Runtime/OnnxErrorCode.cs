namespace VoiceFleet.Onnx.Runtime;

/// <summary>ONNX Runtime's error codes (<c>OrtErrorCode</c>), with the same numbering.</summary>
public enum OnnxErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,
    /// <summary>A general failure (also what a terminated run reports).</summary>
    Fail = 1,
    /// <summary>An argument was invalid (for example an input of the wrong type or shape).</summary>
    InvalidArgument = 2,
    /// <summary>A file was not found.</summary>
    NoSuchFile = 3,
    /// <summary>No model was loaded.</summary>
    NoModel = 4,
    /// <summary>The engine failed.</summary>
    EngineError = 5,
    /// <summary>An exception was raised inside the runtime.</summary>
    RuntimeException = 6,
    /// <summary>The model bytes are not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,
    /// <summary>The model was already loaded.</summary>
    ModelLoaded = 8,
    /// <summary>Something is not implemented (an operator, a type, an API version).</summary>
    NotImplemented = 9,
    /// <summary>The graph is invalid.</summary>
    InvalidGraph = 10,
    /// <summary>An execution provider failed.</summary>
    ExecutionProviderFailure = 11,
    /// <summary>A model load was cancelled.</summary>
    ModelLoadCanceled = 12,
    /// <summary>A model requires compilation.</summary>
    ModelRequiresCompilation = 13,
    /// <summary>Something was not found.</summary>
    NotFound = 14,
    /// <summary>The execution provider's device was reset; the session must be recreated.</summary>
    DeviceReset = 15,
}

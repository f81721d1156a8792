namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// Positions in the native <c>OrtApi</c> function table that this binding calls. The table is the struct
/// <c>OrtApi</c> in <c>include/onnxruntime/core/session/onnxruntime_c_api.h</c>; each member below is named
/// after its field, and its value is the field's zero-based position (counting every function pointer,
/// the <c>Release*</c> ones included). The struct only grows at its end between API versions, so these
/// positions hold for every version from <see cref="OrtApi.MinimumApiVersion"/> up to the one requested.
/// </summary>
internal enum OrtApiIndex
{
    // Status.
    GetErrorCode = 1,
    GetErrorMessage = 2,

    // Environment.
    CreateEnv = 3,
    CreateEnvWithCustomLogger = 4,

    // Sessions.
    CreateSession = 7,
    CreateSessionFromArray = 8,
    Run = 9,

    // Session options.
    CreateSessionOptions = 10,
    SetSessionExecutionMode = 13,
    EnableMemPattern = 16,
    DisableMemPattern = 17,
    EnableCpuMemArena = 18,
    DisableCpuMemArena = 19,
    SetSessionLogSeverityLevel = 22,
    SetSessionGraphOptimizationLevel = 23,
    SetIntraOpNumThreads = 24,
    SetInterOpNumThreads = 25,

    // Session inputs and outputs.
    SessionGetInputCount = 30,
    SessionGetOutputCount = 31,
    SessionGetInputTypeInfo = 33,
    SessionGetOutputTypeInfo = 34,
    SessionGetInputName = 36,
    SessionGetOutputName = 37,

    // Run options.
    CreateRunOptions = 39,
    RunOptionsSetTerminate = 46,

    // Values and tensors.
    CreateTensorAsOrtValue = 48,
    CreateTensorWithDataAsOrtValue = 49,
    GetTensorMutableData = 51,
    FillStringTensor = 52,
    GetStringTensorDataLength = 53,
    GetStringTensorContent = 54,
    CastTypeInfoToTensorInfo = 55,
    GetOnnxTypeFromTypeInfo = 56,
    GetTensorElementType = 60,
    GetDimensionsCount = 61,
    GetDimensions = 62,
    GetSymbolicDimensions = 63,
    GetTensorTypeAndShape = 65,

    // Memory.
    CreateCpuMemoryInfo = 69,
    AllocatorFree = 76,
    GetAllocatorWithDefaultOptions = 78,

    // Releases.
    ReleaseEnv = 92,
    ReleaseStatus = 93,
    ReleaseMemoryInfo = 94,
    ReleaseSession = 95,
    ReleaseValue = 96,
    ReleaseRunOptions = 97,
    ReleaseTypeInfo = 98,
    ReleaseTensorTypeAndShapeInfo = 99,
    ReleaseSessionOptions = 100,

    // Model metadata.
    SessionGetModelMetadata = 111,
    ModelMetadataGetProducerName = 112,
    ModelMetadataGetGraphName = 113,
    ModelMetadataGetDomain = 114,
    ModelMetadataGetDescription = 115,
    ModelMetadataLookupCustomMetadataMap = 116,
    ModelMetadataGetVersion = 117,
    ReleaseModelMetadata = 118,
    ModelMetadataGetCustomMetadataMapKeys = 123,

    // Execution providers.
    SessionOptionsAppendExecutionProvider_CUDA = 152,

    // Model metadata (added later than the rest).
    ModelMetadataGetGraphDescription = 158,
}

namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtTensorTypeAndShapeInfo*</c>, released with <c>ReleaseTensorTypeAndShapeInfo</c>.</summary>
internal sealed class OrtTensorTypeAndShapeInfoHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseTensorTypeAndShapeInfo);

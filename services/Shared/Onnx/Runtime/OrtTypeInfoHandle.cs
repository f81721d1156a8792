namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtTypeInfo*</c>, released with <c>ReleaseTypeInfo</c>.</summary>
internal sealed class OrtTypeInfoHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseTypeInfo);

namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtMemoryInfo*</c>, released with <c>ReleaseMemoryInfo</c>.</summary>
internal sealed class OrtMemoryInfoHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseMemoryInfo);

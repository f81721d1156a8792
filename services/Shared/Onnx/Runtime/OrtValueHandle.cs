namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtValue*</c>, released with <c>ReleaseValue</c>.</summary>
internal sealed class OrtValueHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseValue);

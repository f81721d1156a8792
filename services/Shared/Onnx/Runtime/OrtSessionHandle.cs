namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtSession*</c>, released with <c>ReleaseSession</c>.</summary>
internal sealed class OrtSessionHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseSession);

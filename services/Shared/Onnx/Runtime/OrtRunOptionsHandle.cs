namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtRunOptions*</c>, released with <c>ReleaseRunOptions</c>.</summary>
internal sealed class OrtRunOptionsHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseRunOptions);

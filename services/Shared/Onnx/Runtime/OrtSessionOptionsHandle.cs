namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtSessionOptions*</c>, released with <c>ReleaseSessionOptions</c>.</summary>
internal sealed class OrtSessionOptionsHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseSessionOptions);

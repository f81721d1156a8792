namespace VoiceFleet.Onnx.Runtime;

/// <summary>An owned <c>OrtModelMetadata*</c>, released with <c>ReleaseModelMetadata</c>.</summary>
internal sealed class OrtModelMetadataHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseModelMetadata);

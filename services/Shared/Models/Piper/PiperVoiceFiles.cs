namespace VoiceFleet.Models.Piper;

/// <summary>The two files of a Piper voice.</summary>
/// <param name="ModelPath">The ONNX model, <c>&lt;name&gt;.onnx</c>.</param>
/// <param name="ConfigPath">Its config beside it, <c>&lt;name&gt;.onnx.json</c>.</param>
public sealed record PiperVoiceFiles(string ModelPath, string ConfigPath);

namespace VoiceFleet.Onnx.Runtime;

/// <summary>ORT's <c>OrtLoggingLevel</c> (minimum severity of messages it emits).</summary>
internal enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}

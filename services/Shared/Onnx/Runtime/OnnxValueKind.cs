namespace VoiceFleet.Onnx.Runtime;

/// <summary>ORT's <c>ONNXType</c>: what kind of value an input or output holds.</summary>
internal enum OnnxValueKind
{
    Unknown = 0,
    Tensor = 1,
    Sequence = 2,
    Map = 3,
    Opaque = 4,
    SparseTensor = 5,
    Optional = 6,
}

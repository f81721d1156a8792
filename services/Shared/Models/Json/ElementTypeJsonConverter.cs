using VoiceFleet.Onnx;

namespace VoiceFleet.Models.Json;

/// <summary><see cref="OnnxElementType"/> as <c>float32</c>, <c>int64</c>, … (the names numpy and ONNX tools print).</summary>
internal sealed class ElementTypeJsonConverter : EnumJsonConverter<OnnxElementType>
{
    public static readonly ElementTypeJsonConverter Instance = new();

    public ElementTypeJsonConverter()
        : base(
        [
            (OnnxElementType.Float, "float32"),
            (OnnxElementType.Float16, "float16"),
            (OnnxElementType.Double, "float64"),
            (OnnxElementType.Int8, "int8"),
            (OnnxElementType.Int16, "int16"),
            (OnnxElementType.Int32, "int32"),
            (OnnxElementType.Int64, "int64"),
            (OnnxElementType.UInt8, "uint8"),
            (OnnxElementType.UInt16, "uint16"),
            (OnnxElementType.UInt32, "uint32"),
            (OnnxElementType.UInt64, "uint64"),
            (OnnxElementType.Bool, "bool"),
            (OnnxElementType.String, "string"),
        ])
    {
    }
}

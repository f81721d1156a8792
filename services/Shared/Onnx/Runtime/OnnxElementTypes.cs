namespace VoiceFleet.Onnx.Runtime;

/// <summary>Which CLR type holds each element type, and its size.</summary>
internal static class OnnxElementTypes
{
    /// <summary>The element type a CLR type maps to, or <see cref="OnnxElementType.Undefined"/>.</summary>
    internal static OnnxElementType FromClr(Type type) =>
        type == typeof(float) ? OnnxElementType.Float
        : type == typeof(Half) ? OnnxElementType.Float16
        : type == typeof(double) ? OnnxElementType.Double
        : type == typeof(long) ? OnnxElementType.Int64
        : type == typeof(int) ? OnnxElementType.Int32
        : type == typeof(short) ? OnnxElementType.Int16
        : type == typeof(sbyte) ? OnnxElementType.Int8
        : type == typeof(ulong) ? OnnxElementType.UInt64
        : type == typeof(uint) ? OnnxElementType.UInt32
        : type == typeof(ushort) ? OnnxElementType.UInt16
        : type == typeof(byte) ? OnnxElementType.UInt8
        : type == typeof(bool) ? OnnxElementType.Bool
        : type == typeof(string) ? OnnxElementType.String
        : OnnxElementType.Undefined;

    /// <summary>Bytes per element of a numeric type; 0 for strings and unknown types.</summary>
    internal static int SizeOf(OnnxElementType type) => type switch
    {
        OnnxElementType.UInt8 or OnnxElementType.Int8 or OnnxElementType.Bool => 1,
        OnnxElementType.UInt16 or OnnxElementType.Int16 or OnnxElementType.Float16 => 2,
        OnnxElementType.Float or OnnxElementType.Int32 or OnnxElementType.UInt32 => 4,
        OnnxElementType.Double or OnnxElementType.Int64 or OnnxElementType.UInt64 => 8,
        _ => 0,
    };

    /// <summary>A zeroed managed buffer of the natural CLR type for an element type.</summary>
    internal static TensorBuffer Allocate(OnnxElementType type, int length) => type switch
    {
        OnnxElementType.Float => new TensorBuffer<float>(new float[length]),
        OnnxElementType.Float16 => new TensorBuffer<Half>(new Half[length]),
        OnnxElementType.Double => new TensorBuffer<double>(new double[length]),
        OnnxElementType.Int64 => new TensorBuffer<long>(new long[length]),
        OnnxElementType.Int32 => new TensorBuffer<int>(new int[length]),
        OnnxElementType.Int16 => new TensorBuffer<short>(new short[length]),
        OnnxElementType.Int8 => new TensorBuffer<sbyte>(new sbyte[length]),
        OnnxElementType.UInt64 => new TensorBuffer<ulong>(new ulong[length]),
        OnnxElementType.UInt32 => new TensorBuffer<uint>(new uint[length]),
        OnnxElementType.UInt16 => new TensorBuffer<ushort>(new ushort[length]),
        OnnxElementType.UInt8 => new TensorBuffer<byte>(new byte[length]),
        OnnxElementType.Bool => new TensorBuffer<bool>(new bool[length]),
        _ => throw new NotSupportedException($"Tensors of {type} are not supported."),
    };

    /// <summary>
    /// A managed buffer of the natural CLR type whose elements are not zeroed first, for a run's output that is
    /// about to be overwritten entirely.
    /// </summary>
    internal static TensorBuffer AllocateUninitialized(OnnxElementType type, int length) => type switch
    {
        OnnxElementType.Float => new TensorBuffer<float>(GC.AllocateUninitializedArray<float>(length)),
        OnnxElementType.Float16 => new TensorBuffer<Half>(GC.AllocateUninitializedArray<Half>(length)),
        OnnxElementType.Double => new TensorBuffer<double>(GC.AllocateUninitializedArray<double>(length)),
        OnnxElementType.Int64 => new TensorBuffer<long>(GC.AllocateUninitializedArray<long>(length)),
        OnnxElementType.Int32 => new TensorBuffer<int>(GC.AllocateUninitializedArray<int>(length)),
        OnnxElementType.Int16 => new TensorBuffer<short>(GC.AllocateUninitializedArray<short>(length)),
        OnnxElementType.Int8 => new TensorBuffer<sbyte>(GC.AllocateUninitializedArray<sbyte>(length)),
        OnnxElementType.UInt64 => new TensorBuffer<ulong>(GC.AllocateUninitializedArray<ulong>(length)),
        OnnxElementType.UInt32 => new TensorBuffer<uint>(GC.AllocateUninitializedArray<uint>(length)),
        OnnxElementType.UInt16 => new TensorBuffer<ushort>(GC.AllocateUninitializedArray<ushort>(length)),
        OnnxElementType.UInt8 => new TensorBuffer<byte>(GC.AllocateUninitializedArray<byte>(length)),
        OnnxElementType.Bool => new TensorBuffer<bool>(GC.AllocateUninitializedArray<bool>(length)),
        _ => throw new NotSupportedException($"Tensors of {type} are not supported."),
    };

    /// <summary>Formats a shape as <c>[1, 3]</c>.</summary>
    internal static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.Protobuf;
using VoiceFleet.Onnx.Proto;

namespace VoiceFleet.Onnx.Graph;

/// <summary>
/// Builds <see cref="TensorProto"/>s for initializers and tensor attributes. Elements always go in
/// <c>raw_data</c> as fixed-width little-endian bytes: one code path for every numeric element
/// type; byte-exact (NaN payloads and negative zero survive); as compact as packed <c>float_data</c>
/// for floats, and a fixed 8 bytes per int64 where varints take 1 to 10; and what ONNX Runtime copies
/// straight into a tensor without decoding. It is also how ONNX's numpy_helper and exporters store weights.
/// </summary>
internal static class TensorData
{
    /// <summary>Bytes per element in <c>raw_data</c>, or 0 for types this writer does not store.</summary>
    internal static int ElementSize(OnnxElementType type) => type switch
    {
        OnnxElementType.Float => 4,
        OnnxElementType.UInt8 => 1,
        OnnxElementType.Int8 => 1,
        OnnxElementType.UInt16 => 2,
        OnnxElementType.Int16 => 2,
        OnnxElementType.Int32 => 4,
        OnnxElementType.Int64 => 8,
        OnnxElementType.Bool => 1,
        OnnxElementType.Float16 => 2,
        OnnxElementType.Double => 8,
        OnnxElementType.UInt32 => 4,
        OnnxElementType.UInt64 => 8,
        _ => 0,
    };

    /// <summary>The element count that <paramref name="dims"/> describe (1 for a scalar).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the count overflows.</exception>
    internal static long ElementCount(ReadOnlySpan<long> dims, string what, string paramName)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"{what}: dimension {d} in {Format(dims)} is negative.", paramName);
            }

            try
            {
                count = checked(count * d);
            }
            catch (OverflowException)
            {
                throw new ArgumentException($"{what}: dims {Format(dims)} describe more elements than fit in a long.", paramName);
            }
        }

        return count;
    }

    /// <summary>
    /// A tensor of <paramref name="type"/> and <paramref name="dims"/> holding <paramref name="values"/>;
    /// checks that the value count matches the dims.
    /// </summary>
    internal static TensorProto Create<T>(string? name, OnnxElementType type, ReadOnlySpan<T> values, ReadOnlySpan<long> dims, string what, string paramName)
        where T : unmanaged
    {
        long expected = ElementCount(dims, what, paramName);
        if (values.Length != expected)
        {
            throw new ArgumentException(
                $"{what} has {values.Length.ToString(CultureInfo.InvariantCulture)} values but dims {Format(dims)} hold {expected.ToString(CultureInfo.InvariantCulture)}.",
                paramName);
        }

        return Build(name, type, LittleEndian(values), dims);
    }

    /// <summary>
    /// A tensor of <paramref name="type"/> whose elements are already little-endian bytes;
    /// checks that the byte count matches the dims.
    /// </summary>
    internal static TensorProto CreateRaw(string? name, OnnxElementType type, ReadOnlySpan<byte> littleEndian, ReadOnlySpan<long> dims, string what, string paramName)
    {
        int size = ElementSize(type);
        if (size == 0)
        {
            throw new ArgumentException($"{what}: element type {type} cannot be stored as raw data.", paramName);
        }

        long expected = ElementCount(dims, what, paramName);
        if (expected > int.MaxValue / size || littleEndian.Length != expected * size)
        {
            throw new ArgumentException(
                $"{what} has {littleEndian.Length.ToString(CultureInfo.InvariantCulture)} bytes but dims {Format(dims)} hold {expected.ToString(CultureInfo.InvariantCulture)} elements of {type} ({size.ToString(CultureInfo.InvariantCulture)} bytes each).",
                paramName);
        }

        return Build(name, type, ByteString.CopyFrom(littleEndian), dims);
    }

    /// <summary>Dims as <c>[1, 4]</c> for messages.</summary>
    internal static string Format(ReadOnlySpan<long> dims)
    {
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            parts[i] = dims[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    private static TensorProto Build(string? name, OnnxElementType type, ByteString raw, ReadOnlySpan<long> dims)
    {
        var tensor = new TensorProto { DataType = (int)type, RawData = raw };
        foreach (long d in dims)
        {
            tensor.Dims.Add(d);
        }

        if (name is not null)
        {
            tensor.Name = name;
        }

        return tensor;
    }

    private static ByteString LittleEndian<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian)
        {
            return ByteString.CopyFrom(bytes);
        }

        int size = Unsafe.SizeOf<T>();
        byte[] swapped = bytes.ToArray();
        for (int i = 0; i < swapped.Length; i += size)
        {
            swapped.AsSpan(i, size).Reverse();
        }

        return ByteString.CopyFrom(swapped);
    }
}

using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// A tensor in managed memory: element type, shape and data. As an input, its memory is pinned for the run
/// and handed to ORT as is (no copy); as a run's output, it holds a copy of what ORT produced; as a
/// caller-supplied output buffer, ORT writes into its memory.
/// </summary>
public sealed class OnnxTensor
{
    // Never written after construction: a run's outputs of the same static shape share one array.
    private readonly long[] shape;
    private ReadOnlyCollection<long>? shapeView;

    private OnnxTensor(OnnxElementType elementType, long[] shape, TensorBuffer? buffer, string[]? strings)
    {
        ElementType = elementType;
        this.shape = shape;
        Buffer = buffer;
        Strings = strings;
        ElementCount = buffer?.Length ?? strings!.Length;
    }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    // Made on first use: most run outputs are only read through their data (two threads may both make one; either is fine).
    public IReadOnlyList<long> Shape => shapeView ??= new ReadOnlyCollection<long>(shape);

    /// <summary>The number of elements (the product of the dimensions).</summary>
    public long ElementCount { get; }

    /// <summary>The shape as the native calls want it.</summary>
    internal ReadOnlySpan<long> ShapeSpan => shape;

    /// <summary>The shape array itself (never modified), so value caches can compare shapes by reference first.</summary>
    internal long[] ShapeArray => shape;

    /// <summary>
    /// The model input or output this tensor last passed validation against (a tensor's type, shape and length
    /// never change, so it passes again); written by any thread, a stale value only means checking once more.
    /// </summary>
    internal OnnxTensorInfo? CheckedAgainst { get; set; }

    /// <summary>The data of a numeric tensor; null for strings.</summary>
    internal TensorBuffer? Buffer { get; }

    /// <summary>The data of a string tensor; null otherwise.</summary>
    internal string[]? Strings { get; }

    /// <summary>
    /// A tensor over an array (not copied). The element type follows <typeparamref name="T"/>: float, Half
    /// (float16), double, long, int, short, sbyte, ulong, uint, ushort, byte (uint8) or bool.
    /// </summary>
    /// <param name="data">The elements, row-major; its length must be the product of the dimensions.</param>
    /// <param name="shape">The dimensions; none for a scalar.</param>
    public static OnnxTensor Create<T>(T[] data, params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return Create(new Memory<T>(data), shape);
    }

    /// <summary>A tensor over memory (not copied), element type from <typeparamref name="T"/> as for the array overload.</summary>
    /// <param name="data">The elements, row-major; its length must be the product of the dimensions.</param>
    /// <param name="shape">The dimensions; none for a scalar.</param>
    public static OnnxTensor Create<T>(Memory<T> data, params long[] shape)
        where T : unmanaged
    {
        var type = OnnxElementTypes.FromClr(typeof(T));
        if (type == OnnxElementType.Undefined)
        {
            throw new ArgumentException($"{typeof(T).Name} is not an ONNX tensor element type.", nameof(data));
        }

        return Create(type, data, shape);
    }

    /// <summary>
    /// A tensor of an explicit element type over memory of a same-sized CLR type (not copied), e.g. bool
    /// tensors over bytes (0 or 1) or float16 over raw <see cref="ushort"/> bits.
    /// </summary>
    /// <param name="elementType">The ONNX element type.</param>
    /// <param name="data">The elements, row-major.</param>
    /// <param name="shape">The dimensions; none for a scalar.</param>
    public static OnnxTensor Create<T>(OnnxElementType elementType, Memory<T> data, params long[] shape)
        where T : unmanaged
    {
        var size = OnnxElementTypes.SizeOf(elementType);
        if (size == 0)
        {
            throw new ArgumentException($"{elementType} is not a numeric element type.", nameof(elementType));
        }

        if (size != Unsafe.SizeOf<T>())
        {
            throw new ArgumentException($"{elementType} elements are {size} bytes but {typeof(T).Name} is {Unsafe.SizeOf<T>()}.", nameof(data));
        }

        var dims = CheckShape(shape, data.Length);
        return new OnnxTensor(elementType, dims, new TensorBuffer<T>(data), null);
    }

    /// <summary>A string tensor (the strings are sent to ORT as UTF-8, which copies them).</summary>
    /// <param name="values">The strings, row-major.</param>
    /// <param name="shape">The dimensions; none for a scalar.</param>
    public static OnnxTensor FromStrings(string[] values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Array.IndexOf(values, null) >= 0)
        {
            throw new ArgumentException("A string tensor cannot hold null.", nameof(values));
        }

        var dims = CheckShape(shape, values.Length);
        return new OnnxTensor(OnnxElementType.String, dims, null, values);
    }

    /// <summary>A zeroed tensor in a new array of the element type's natural CLR type (e.g. a buffer for a run's output).</summary>
    /// <param name="elementType">A numeric element type.</param>
    /// <param name="shape">The dimensions; none for a scalar.</param>
    public static OnnxTensor Allocate(OnnxElementType elementType, params long[] shape)
    {
        if (OnnxElementTypes.SizeOf(elementType) == 0)
        {
            throw new ArgumentException($"{elementType} is not a numeric element type.", nameof(elementType));
        }

        var length = CheckShape(shape, null).Aggregate(1L, (a, d) => a * d);
        return new OnnxTensor(elementType, (long[])shape.Clone(), OnnxElementTypes.Allocate(elementType, checked((int)length)), null);
    }

    /// <summary>Wraps an array the binding just filled (no checks, no copy).</summary>
    internal static OnnxTensor Wrap<T>(OnnxElementType elementType, T[] data, long[] shape)
        where T : unmanaged =>
        new(elementType, shape, new TensorBuffer<T>(data), null);

    /// <summary>Wraps a buffer the binding just filled (no checks, no copy); <paramref name="shape"/> is shared, never written.</summary>
    internal static OnnxTensor Wrap(OnnxElementType elementType, TensorBuffer buffer, long[] shape) => new(elementType, shape, buffer, null);

    /// <summary>Wraps strings the binding just read.</summary>
    internal static OnnxTensor WrapStrings(string[] values, long[] shape) => new(OnnxElementType.String, shape, null, values);

    /// <summary>The tensor's memory, when it was created over (or read into) <typeparamref name="T"/> elements.</summary>
    public Memory<T> AsMemory<T>()
        where T : unmanaged =>
        Buffer is TensorBuffer<T> typed
            ? typed.Memory
            : throw new InvalidOperationException($"This {ElementType} tensor holds {Buffer?.ClrType.Name ?? "strings"}, not {typeof(T).Name}.");

    /// <summary>The elements as <typeparamref name="T"/>, which may be any type of the element's size (bool as byte, float16 as ushort).</summary>
    public Span<T> AsSpan<T>()
        where T : unmanaged
    {
        if (Buffer is TensorBuffer<T> typed)
        {
            return typed.Memory.Span;
        }

        if (Buffer is null || Buffer.ElementSize != Unsafe.SizeOf<T>())
        {
            throw new InvalidOperationException($"This {ElementType} tensor cannot be read as {typeof(T).Name}.");
        }

        return ReinterpretSpan<T>(Buffer);
    }

    /// <summary>A copy of the elements.</summary>
    public T[] ToArray<T>()
        where T : unmanaged => AsSpan<T>().ToArray();

    /// <summary>The strings of a string tensor.</summary>
    public IReadOnlyList<string> GetStrings() =>
        Strings ?? throw new InvalidOperationException($"This is a {ElementType} tensor, not a string tensor.");

    private static Span<T> ReinterpretSpan<T>(TensorBuffer buffer)
        where T : unmanaged => buffer switch
        {
            TensorBuffer<byte> b => MemoryMarshal.Cast<byte, T>(b.Memory.Span),
            TensorBuffer<bool> b => MemoryMarshal.Cast<bool, T>(b.Memory.Span),
            TensorBuffer<sbyte> b => MemoryMarshal.Cast<sbyte, T>(b.Memory.Span),
            TensorBuffer<Half> b => MemoryMarshal.Cast<Half, T>(b.Memory.Span),
            TensorBuffer<ushort> b => MemoryMarshal.Cast<ushort, T>(b.Memory.Span),
            TensorBuffer<short> b => MemoryMarshal.Cast<short, T>(b.Memory.Span),
            TensorBuffer<float> b => MemoryMarshal.Cast<float, T>(b.Memory.Span),
            TensorBuffer<int> b => MemoryMarshal.Cast<int, T>(b.Memory.Span),
            TensorBuffer<uint> b => MemoryMarshal.Cast<uint, T>(b.Memory.Span),
            TensorBuffer<double> b => MemoryMarshal.Cast<double, T>(b.Memory.Span),
            TensorBuffer<long> b => MemoryMarshal.Cast<long, T>(b.Memory.Span),
            TensorBuffer<ulong> b => MemoryMarshal.Cast<ulong, T>(b.Memory.Span),
            _ => throw new InvalidOperationException($"Cannot read {buffer.ClrType.Name} elements as {typeof(T).Name}."),
        };

    /// <summary>Checks dimensions (non-negative, and matching the data's length when given) and copies them.</summary>
    private static long[] CheckShape(long[] shape, int? dataLength)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Shape {OnnxElementTypes.FormatShape(shape)} has a negative dimension.", nameof(shape));
            }

            count = checked(count * dim);
        }

        if (dataLength is { } length && length != count)
        {
            throw new ArgumentException(
                $"Shape {OnnxElementTypes.FormatShape(shape)} needs {count} elements but the data has {length}.", nameof(shape));
        }

        return (long[])shape.Clone();
    }
}

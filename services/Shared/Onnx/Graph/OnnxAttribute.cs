using System.Diagnostics.CodeAnalysis;
using System.Text;
using Google.Protobuf;
using VoiceFleet.Onnx.Proto;

namespace VoiceFleet.Onnx.Graph;

/// <summary>The kind of value an <see cref="OnnxAttribute"/> holds (numbered as ONNX's <c>AttributeProto.AttributeType</c>).</summary>
public enum OnnxAttributeKind
{
    /// <summary>Not set; no attribute has this kind.</summary>
    Undefined = 0,
    /// <summary>One 32-bit float.</summary>
    Float = 1,
    /// <summary>One 64-bit integer.</summary>
    Int = 2,
    /// <summary>One UTF-8 string.</summary>
    String = 3,
    /// <summary>One tensor.</summary>
    Tensor = 4,
    /// <summary>A list of 32-bit floats.</summary>
    Floats = 6,
    /// <summary>A list of 64-bit integers.</summary>
    Ints = 7,
    /// <summary>A list of UTF-8 strings.</summary>
    Strings = 8,
}

/// <summary>
/// A named, immutable attribute of a graph node, such as <c>axis</c> of <c>Concat</c> or
/// <c>value</c> of <c>Constant</c>. Create one with the static factories; values are copied.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "An ONNX node attribute, ONNX's own term; not a .NET attribute class.")]
public sealed class OnnxAttribute
{
    private readonly AttributeProto _proto;

    private OnnxAttribute(AttributeProto proto)
    {
        _proto = proto;
    }

    /// <summary>The attribute's name.</summary>
    public string Name => _proto.Name;

    /// <summary>The kind of value it holds.</summary>
    public OnnxAttributeKind Kind => (OnnxAttributeKind)_proto.Type;

    /// <summary>An integer attribute (e.g. <c>axis</c>, <c>to</c> of <c>Cast</c>).</summary>
    public static OnnxAttribute Int(string name, long value) =>
        new(New(name, AttributeProto.Types.AttributeType.Int, a => a.I = value));

    /// <summary>A float attribute (e.g. <c>epsilon</c>, <c>alpha</c>).</summary>
    public static OnnxAttribute Float(string name, float value) =>
        new(New(name, AttributeProto.Types.AttributeType.Float, a => a.F = value));

    /// <summary>A string attribute (e.g. <c>mode</c> of <c>Pad</c>), stored as UTF-8.</summary>
    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(New(name, AttributeProto.Types.AttributeType.String, a => a.S = ByteString.CopyFromUtf8(value)));
    }

    /// <summary>A list of integers (e.g. <c>perm</c> of <c>Transpose</c>, <c>pads</c> of <c>Conv</c>).</summary>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(New(name, AttributeProto.Types.AttributeType.Ints, a => a.Ints.Add(values)));
    }

    /// <summary>A list of floats.</summary>
    public static OnnxAttribute Floats(string name, params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(New(name, AttributeProto.Types.AttributeType.Floats, a => a.Floats.Add(values)));
    }

    /// <summary>A list of strings, each stored as UTF-8.</summary>
    public static OnnxAttribute Strings(string name, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var encoded = new ByteString[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                throw new ArgumentException($"Attribute '{name}': string {i} is null.", nameof(values));
            }

            encoded[i] = ByteString.CopyFrom(values[i], Encoding.UTF8);
        }

        return new(New(name, AttributeProto.Types.AttributeType.Strings, a => a.Strings.Add(encoded)));
    }

    /// <summary>A float tensor (e.g. <c>value</c> of <c>Constant</c>); <paramref name="dims"/> empty for a scalar.</summary>
    /// <exception cref="ArgumentException">The value count does not match <paramref name="dims"/>.</exception>
    public static OnnxAttribute Tensor(string name, ReadOnlySpan<float> values, params long[] dims) =>
        TensorOf(name, OnnxElementType.Float, values, dims);

    /// <summary>An int64 tensor (e.g. a <c>Constant</c> shape for <c>Reshape</c>); <paramref name="dims"/> empty for a scalar.</summary>
    /// <exception cref="ArgumentException">The value count does not match <paramref name="dims"/>.</exception>
    public static OnnxAttribute Tensor(string name, ReadOnlySpan<long> values, params long[] dims) =>
        TensorOf(name, OnnxElementType.Int64, values, dims);

    /// <summary>An int32 tensor; <paramref name="dims"/> empty for a scalar.</summary>
    /// <exception cref="ArgumentException">The value count does not match <paramref name="dims"/>.</exception>
    public static OnnxAttribute Tensor(string name, ReadOnlySpan<int> values, params long[] dims) =>
        TensorOf(name, OnnxElementType.Int32, values, dims);

    /// <summary>The attribute as written to the model. Shared, never mutated.</summary>
    internal AttributeProto Proto => _proto;

    /// <summary>The name and kind, e.g. <c>axis (Int)</c>.</summary>
    public override string ToString() => $"{Name} ({Kind})";

    private static OnnxAttribute TensorOf<T>(string name, OnnxElementType type, ReadOnlySpan<T> values, long[] dims)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dims);
        TensorProto tensor = TensorData.Create(null, type, values, dims, $"Tensor attribute '{name}'", nameof(values));
        return new(New(name, AttributeProto.Types.AttributeType.Tensor, a => a.T = tensor));
    }

    private static AttributeProto New(string name, AttributeProto.Types.AttributeType type, Action<AttributeProto> set)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var proto = new AttributeProto { Name = name, Type = type };
        set(proto);
        return proto;
    }
}

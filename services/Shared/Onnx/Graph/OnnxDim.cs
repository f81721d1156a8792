using System.Globalization;

namespace VoiceFleet.Onnx.Graph;

/// <summary>
/// One dimension of a graph input or output shape: a fixed size (<c>4</c>), a symbolic name that
/// the runtime binds per call (<c>"batch"</c>), or unknown (<see cref="Unknown"/>, the default).
/// Converts implicitly from <see cref="long"/> and <see cref="string"/>, so shapes read
/// <c>AddInput("x", OnnxElementType.Float, "batch", 4)</c>.
/// </summary>
/// <remarks>
/// The conversions never throw; <see cref="OnnxModelBuilder"/> rejects a negative size or an empty
/// symbolic name when the dimension is used. <see cref="Fixed"/> and <see cref="Symbolic"/> check at once.
/// </remarks>
public readonly record struct OnnxDim
{
    private enum DimKind : byte
    {
        Unknown = 0,
        Fixed = 1,
        Symbolic = 2,
    }

    private readonly DimKind _kind;

    private OnnxDim(DimKind kind, long value, string? param)
    {
        _kind = kind;
        Value = value;
        Param = param;
    }

    /// <summary>A dimension whose size is neither fixed nor named (ONNX: neither <c>dim_value</c> nor <c>dim_param</c>).</summary>
    public static OnnxDim Unknown => default;

    /// <summary>The size of a fixed dimension; 0 when <see cref="IsFixed"/> is false.</summary>
    public long Value { get; }

    /// <summary>The name of a symbolic dimension; null when <see cref="IsSymbolic"/> is false.</summary>
    public string? Param { get; }

    /// <summary>True for a fixed size.</summary>
    public bool IsFixed => _kind == DimKind.Fixed;

    /// <summary>True for a symbolic (named) dimension.</summary>
    public bool IsSymbolic => _kind == DimKind.Symbolic;

    /// <summary>True for a dimension that is neither fixed nor symbolic.</summary>
    public bool IsUnknown => _kind == DimKind.Unknown;

    /// <summary>A fixed dimension of <paramref name="size"/> elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public static OnnxDim Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDim(DimKind.Fixed, size, null);
    }

    /// <summary>A symbolic dimension; every dimension with the same name has the same size at run time.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static OnnxDim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new OnnxDim(DimKind.Symbolic, 0, name);
    }

    /// <summary>A fixed dimension (same as <see cref="Fixed"/>, checked when used).</summary>
    public static implicit operator OnnxDim(long size) => new(DimKind.Fixed, size, null);

    /// <summary>A symbolic dimension (same as <see cref="Symbolic"/>, checked when used).</summary>
    public static implicit operator OnnxDim(string name) => new(DimKind.Symbolic, 0, name);

    /// <summary>The size, the name, or <c>?</c> for an unknown dimension.</summary>
    public override string ToString() => _kind switch
    {
        DimKind.Fixed => Value.ToString(CultureInfo.InvariantCulture),
        DimKind.Symbolic => Param ?? "",
        _ => "?",
    };

    /// <summary>Null when the dimension is valid, else why not.</summary>
    internal string? Problem() => _kind switch
    {
        DimKind.Fixed when Value < 0 => $"a fixed dimension cannot be negative ({Value})",
        DimKind.Symbolic when string.IsNullOrEmpty(Param) => "a symbolic dimension needs a non-empty name",
        _ => null,
    };
}

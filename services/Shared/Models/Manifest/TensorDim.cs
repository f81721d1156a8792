using System.Globalization;
using System.Text.Json.Serialization;
using VoiceFleet.Models.Json;

namespace VoiceFleet.Models.Manifest;

/// <summary>
/// One dimension of a declared tensor shape: a fixed size (JSON number, <c>192</c>) or a symbolic name bound at run
/// time (JSON string, <c>"batch"</c>). Converts implicitly from <see cref="int"/>, <see cref="long"/> and <see cref="string"/>.
/// </summary>
[JsonConverter(typeof(TensorDimJsonConverter))]
public readonly record struct TensorDim
{
    private TensorDim(long size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The size of a fixed dimension; 0 for a symbolic one.</summary>
    public long Size { get; }

    /// <summary>The name of a symbolic dimension; null for a fixed one.</summary>
    public string? Symbol { get; }

    /// <summary>True for a fixed size, false for a symbolic name.</summary>
    public bool IsFixed => Symbol is null;

    /// <summary>A fixed dimension (validation requires it to be positive).</summary>
    public static TensorDim Fixed(long size) => new(size, null);

    /// <summary>A symbolic dimension (validation requires a non-empty name).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static TensorDim Symbolic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new TensorDim(0, name);
    }

    /// <summary>A fixed dimension.</summary>
    public static implicit operator TensorDim(long size) => Fixed(size);

    /// <summary>A fixed dimension.</summary>
    public static implicit operator TensorDim(int size) => Fixed(size);

    /// <summary>A symbolic dimension.</summary>
    public static implicit operator TensorDim(string name) => Symbolic(name);

    /// <summary>A fixed dimension.</summary>
    public static TensorDim FromInt64(long size) => Fixed(size);

    /// <summary>A fixed dimension.</summary>
    public static TensorDim FromInt32(int size) => Fixed(size);

    /// <summary>A symbolic dimension.</summary>
    public static TensorDim FromString(string name) => Symbolic(name);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Size.ToString(CultureInfo.InvariantCulture);
}

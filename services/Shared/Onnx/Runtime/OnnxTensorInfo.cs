namespace VoiceFleet.Onnx.Runtime;

/// <summary>A model input or output as the session reports it.</summary>
/// <param name="Name">The input's or output's name.</param>
/// <param name="ElementType">The element type; <see cref="OnnxElementType.Undefined"/> for a value that is not a tensor.</param>
/// <param name="Shape">The dimensions; -1 where a dimension is not fixed.</param>
/// <param name="SymbolicDims">The name of each dimension (its <c>dim_param</c>, such as "batch"), null where it has none.</param>
public sealed record OnnxTensorInfo(string Name, OnnxElementType ElementType, long[] Shape, string?[] SymbolicDims)
{
    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {ElementType}[{string.Join(", ", Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : SymbolicDims[i] ?? "?"))}]";
}

namespace VoiceFleet.Onnx.Graph;

/// <summary>
/// One operator invocation for <see cref="OnnxModelBuilder.AddNode(OnnxNode)"/>: what the short
/// <see cref="OnnxModelBuilder.AddNode(string, IReadOnlyList{string}, IReadOnlyList{string}, OnnxAttribute[])"/>
/// takes, plus an optional <see cref="Name"/>, <see cref="Domain"/> and <see cref="DocString"/>.
/// The lists are copied; the builder validates the node when it is added.
/// </summary>
public sealed class OnnxNode
{
    /// <summary>A node applying <paramref name="opType"/> to <paramref name="inputs"/>, producing <paramref name="outputs"/>.</summary>
    /// <param name="opType">The operator, e.g. <c>Add</c>, <c>MatMul</c>, <c>Cast</c>.</param>
    /// <param name="inputs">Value names in the operator's input order; <c>""</c> leaves an optional input out.</param>
    /// <param name="outputs">New value names in the operator's output order; <c>""</c> leaves an optional output out.</param>
    /// <param name="attributes">The operator's attributes.</param>
    public OnnxNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(attributes);
        OpType = opType;
        Inputs = [.. inputs];
        Outputs = [.. outputs];
        Attributes = [.. attributes];
    }

    /// <summary>The operator.</summary>
    public string OpType { get; }

    /// <summary>Input value names; <c>""</c> for an optional input left out.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Output value names; <c>""</c> for an optional output left out.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The attributes.</summary>
    public IReadOnlyList<OnnxAttribute> Attributes { get; }

    /// <summary>
    /// The node's name, unique in the graph; ONNX Runtime quotes it in errors. Null (the default)
    /// names the node <c>{OpType}_{index}</c> after its position in the graph.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The operator set domain; <c>""</c> (the default) is the standard ONNX domain.
    /// Any other domain needs <see cref="OnnxModelBuilder.AddOpsetImport"/>.</summary>
    public string Domain { get; init; } = "";

    /// <summary>Optional documentation written with the node.</summary>
    public string? DocString { get; init; }
}

using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Graph;

namespace VoiceFleet.ModelForge.Graph;

/// <summary>
/// A thin expression layer over <see cref="OnnxModelBuilder"/>: every method adds one node (or one
/// constant) and returns the name of the value it defines, so graphs read like the math they compute.
/// Value names are numbered in call order, so the same calls give the same model bytes.
/// </summary>
/// <remarks>Targets ONNX operator set 17: reductions other than ReduceSum take their axes as attributes.</remarks>
internal sealed class GraphWriter
{
    private readonly Dictionary<string, string> _scalars = new(StringComparer.Ordinal);
    private int _next;

    public GraphWriter(string graphName, string producerVersion)
    {
        Model = new OnnxModelBuilder(graphName, OnnxModelBuilder.DefaultOpsetVersion, "voicefleet-forge", producerVersion);
    }

    /// <summary>The model being written.</summary>
    public OnnxModelBuilder Model { get; }

    /// <summary>A float32 scalar constant (shared between uses of the same value).</summary>
    public string Scalar(float value) => SharedConstant("f", value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), name => Model.AddInitializer(name, [value]));

    /// <summary>An int64 scalar constant (shared between uses of the same value).</summary>
    public string ScalarLong(long value) => SharedConstant("i", value.ToString(System.Globalization.CultureInfo.InvariantCulture), name => Model.AddInitializer(name, [value]));

    /// <summary>A float32 tensor constant.</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        var name = NewName(hint);
        Model.AddInitializer(name, values, dims);
        return name;
    }

    /// <summary>An int64 tensor constant.</summary>
    public string Constant(string hint, ReadOnlySpan<long> values, params long[] dims)
    {
        var name = NewName(hint);
        Model.AddInitializer(name, values, dims);
        return name;
    }

    /// <summary>Adds a node with one output and returns that output's name.</summary>
    public string Op(string opType, string[] inputs, params OnnxAttribute[] attributes)
    {
        var output = NewName(opType.ToLowerInvariant());
        Model.AddNode(opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>Adds a node whose single output gets the given (graph-visible) name.</summary>
    public string OpNamed(string output, string opType, string[] inputs, params OnnxAttribute[] attributes)
    {
        Model.AddNode(opType, inputs, [output], attributes);
        return output;
    }

    public string Add(string a, string b) => Op("Add", [a, b]);

    public string Sub(string a, string b) => Op("Sub", [a, b]);

    public string Mul(string a, string b) => Op("Mul", [a, b]);

    public string Div(string a, string b) => Op("Div", [a, b]);

    public string Add(string a, float b) => Add(a, Scalar(b));

    public string Mul(string a, float b) => Mul(a, Scalar(b));

    public string Max(string a, string b) => Op("Max", [a, b]);

    public string Min(string a, string b) => Op("Min", [a, b]);

    public string MatMul(string a, string b) => Op("MatMul", [a, b]);

    public string Exp(string x) => Op("Exp", [x]);

    public string Log(string x) => Op("Log", [x]);

    public string Sin(string x) => Op("Sin", [x]);

    public string Sqrt(string x) => Op("Sqrt", [x]);

    public string Abs(string x) => Op("Abs", [x]);

    public string Floor(string x) => Op("Floor", [x]);

    public string Round(string x) => Op("Round", [x]);

    public string Neg(string x) => Op("Neg", [x]);

    public string Reciprocal(string x) => Op("Reciprocal", [x]);

    public string Tanh(string x) => Op("Tanh", [x]);

    public string Relu(string x) => Op("Relu", [x]);

    public string Not(string x) => Op("Not", [x]);

    public string And(string a, string b) => Op("And", [a, b]);

    public string Less(string a, string b) => Op("Less", [a, b]);

    public string Greater(string a, string b) => Op("Greater", [a, b]);

    public string GreaterOrEqual(string a, string b) => Op("GreaterOrEqual", [a, b]);

    public string Equal(string a, string b) => Op("Equal", [a, b]);

    public string Where(string condition, string whenTrue, string whenFalse) => Op("Where", [condition, whenTrue, whenFalse]);

    public string Cast(string x, OnnxElementType to) => Op("Cast", [x], OnnxAttribute.Int("to", (long)to));

    public string ToFloat(string x) => Cast(x, OnnxElementType.Float);

    public string ToLong(string x) => Cast(x, OnnxElementType.Int64);

    public string Clip(string x, float min, float max) => Op("Clip", [x, Scalar(min), Scalar(max)]);

    /// <summary>x − floor(x): the fractional part, in [0, 1).</summary>
    public string Fraction(string x) => Sub(x, Floor(x));

    public string Gather(string data, string indices, long axis = 0) => Op("Gather", [data, indices], OnnxAttribute.Int("axis", axis));

    public string GatherElements(string data, string indices, long axis) => Op("GatherElements", [data, indices], OnnxAttribute.Int("axis", axis));

    public string Unsqueeze(string x, params long[] axes) => Op("Unsqueeze", [x, Constant("axes", axes, axes.Length)]);

    public string Squeeze(string x, params long[] axes) => Op("Squeeze", [x, Constant("axes", axes, axes.Length)]);

    public string Transpose(string x, params long[] perm) => Op("Transpose", [x], OnnxAttribute.Ints("perm", perm));

    public string Reshape(string x, params long[] shape) => Op("Reshape", [x, Constant("shape", shape, shape.Length)]);

    public string Concat(long axis, params string[] inputs) => Op("Concat", inputs, OnnxAttribute.Int("axis", axis));

    public string Shape(string x) => Op("Shape", [x]);

    /// <summary>Elements <paramref name="start"/>..<paramref name="end"/> (exclusive) along <paramref name="axis"/>.</summary>
    public string Slice(string x, long axis, long start, long end) =>
        Op("Slice", [x, Constant("starts", [start], 1), Constant("ends", [end], 1), Constant("axes", [axis], 1)]);

    public string ReduceSum(string x, long axis, bool keepDims) =>
        Op("ReduceSum", [x, Constant("axes", [axis], 1)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    public string ReduceMean(string x, long axis, bool keepDims) =>
        Op("ReduceMean", [x], OnnxAttribute.Ints("axes", axis), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    public string ReduceMax(string x, long axis, bool keepDims) =>
        Op("ReduceMax", [x], OnnxAttribute.Ints("axes", axis), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>The maximum over all elements, as a scalar.</summary>
    public string ReduceMaxAll(string x) => Op("ReduceMax", [x], OnnxAttribute.Int("keepdims", 0));

    public string ReduceSumSquare(string x, long axis, bool keepDims) =>
        Op("ReduceSumSquare", [x], OnnxAttribute.Ints("axes", axis), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    public string CumSum(string x, long axis) => Op("CumSum", [x, ScalarLong(axis)]);

    public string Softmax(string x, long axis) => Op("Softmax", [x], OnnxAttribute.Int("axis", axis));

    /// <summary>0, 1, …, limit − 1 as int64, for an int64 scalar <paramref name="limit"/>.</summary>
    public string Range(string limit) => Op("Range", [ScalarLong(0), limit, ScalarLong(1)]);

    /// <summary>The index of element <paramref name="index"/> of a 1-D tensor as a scalar.</summary>
    public string Element(string vector, long index) => Gather(vector, ScalarLong(index));

    /// <summary>x scaled to unit L2 norm along <paramref name="axis"/> (with a floor so zero stays finite).</summary>
    public string L2Normalize(string x, long axis)
    {
        var norm = Sqrt(Max(ReduceSumSquare(x, axis, keepDims: true), Scalar(1e-12f)));
        return Div(x, norm);
    }

    /// <summary>
    /// Linear interpolation of <paramref name="x"/> [B, C, N] along its last axis by an integer factor, to
    /// [B, C, N × factor] (Resize on a 4-D view, half-pixel centres: each input value sits mid-interval).
    /// </summary>
    public string UpsampleLinear(string x, int factor)
    {
        var four = Unsqueeze(x, 2);
        var scales = Constant("scales", [1f, 1f, 1f, factor], 4);
        var resized = Op(
            "Resize",
            [four, "", scales],
            OnnxAttribute.String("mode", "linear"),
            OnnxAttribute.String("coordinate_transformation_mode", "half_pixel"));
        return Squeeze(resized, 2);
    }

    /// <summary>A depthwise 1-D convolution of [B, C, N] with one kernel per channel, same length out.</summary>
    public string DepthwiseConv(string x, int channels, ReadOnlySpan<float> kernel)
    {
        var taps = kernel.Length;
        var weights = new float[channels * taps];
        for (var c = 0; c < channels; c++)
        {
            kernel.CopyTo(weights.AsSpan(c * taps, taps));
        }

        var w = Constant("kernel", weights, channels, 1, taps);
        return Op(
            "Conv",
            [x, w],
            OnnxAttribute.Int("group", channels),
            OnnxAttribute.Ints("pads", taps / 2, taps - 1 - (taps / 2)));
    }

    /// <summary>A 1-D convolution of [B, 1, N] into [B, K, N] with the K kernels given (each of the same odd length).</summary>
    public string FilterBank(string x, float[][] kernels)
    {
        var taps = kernels[0].Length;
        var weights = new float[kernels.Length * taps];
        for (var k = 0; k < kernels.Length; k++)
        {
            kernels[k].CopyTo(weights.AsSpan(k * taps, taps));
        }

        var w = Constant("bank", weights, kernels.Length, 1, taps);
        return Op("Conv", [x, w], OnnxAttribute.Ints("pads", taps / 2, taps - 1 - (taps / 2)));
    }

    private string SharedConstant(string kind, string key, Action<string> add)
    {
        var cacheKey = kind + key;
        if (!_scalars.TryGetValue(cacheKey, out var name))
        {
            name = NewName(kind == "f" ? "c" : "k");
            add(name);
            _scalars[cacheKey] = name;
        }

        return name;
    }

    private string NewName(string hint) => $"{hint}_{_next++}";
}

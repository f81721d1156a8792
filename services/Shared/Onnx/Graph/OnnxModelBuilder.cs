using System.Globalization;
using Google.Protobuf;
using VoiceFleet.Onnx.Proto;

namespace VoiceFleet.Onnx.Graph;

/// <summary>
/// Writes an ONNX model file: one graph of inputs, initializers (constant tensors), nodes in
/// topological order and outputs. The output is deterministic: the same calls in the same order
/// give the same bytes on every run and machine, so generated models can be compared byte for byte.
/// </summary>
/// <remarks>
/// <para>
/// Names are checked as they are added: a value name (graph input, initializer or node output) is
/// defined once; graph output, node, attribute (per node) and metadata key names are distinct; an
/// initializer's value count matches its dims. References are checked by <see cref="ToBytes"/>, so
/// inputs, initializers and outputs may be declared in any order: every non-empty node input must
/// name a graph input, an initializer or an output of an <em>earlier</em> node, and every graph output
/// must name a defined value. Argument errors throw <see cref="ArgumentException"/> at the call;
/// graph errors found by <see cref="ToBytes"/> throw <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// Versions: the model imports the default ONNX operator set at the version given to the constructor
/// (<see cref="DefaultOpsetVersion"/>, 17, unless told) and declares IR version <see cref="IrVersion"/>:
/// 8, the IR that ONNX 1.10–1.13 wrote with operator sets 15–18. Operator sets from 19 on came with
/// later IR versions; pick one of those only after checking the runtime that loads the model.
/// </para>
/// <para>
/// Initializer and tensor-attribute elements are written to <c>raw_data</c> as little-endian bytes
/// (see the ONNX spec for <c>TensorProto.raw_data</c>): one encoding for every numeric type, exact
/// for every bit pattern, as compact as packed <c>float_data</c> and what ONNX Runtime loads without
/// decoding. Graph inputs are never listed as initializers (IR 4 and later do not need that), and an
/// initializer cannot share a graph input's name (no overridable initializers).
/// </para>
/// <para>A builder is not thread-safe; <see cref="ToBytes"/> may be called any number of times.</para>
/// </remarks>
public sealed class OnnxModelBuilder
{
    /// <summary>The ONNX IR version every model declares.</summary>
    public const long IrVersion = 8;

    /// <summary>The default ONNX operator set version.</summary>
    public const long DefaultOpsetVersion = 17;

    private readonly string _graphName;
    private readonly long _opsetVersion;
    private readonly string _producerName;
    private readonly string _producerVersion;
    private string? _docString;
    private long? _modelVersion;
    private string? _domain;

    private readonly List<OperatorSetIdProto> _extraOpsets = [];
    private readonly List<ValueInfoProto> _inputs = [];
    private readonly List<ValueInfoProto> _outputs = [];
    private readonly List<TensorProto> _initializers = [];
    private readonly List<NodeProto> _nodes = [];
    private readonly List<StringStringEntryProto> _metadata = [];

    // Value name -> what defines it (graph input, initializer, or node output), for messages.
    private readonly Dictionary<string, string> _definedBy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _metadataKeys = new(StringComparer.Ordinal);

    /// <summary>Starts an empty model.</summary>
    /// <param name="graphName">The graph's name (required non-empty by ONNX).</param>
    /// <param name="opsetVersion">Version of the default ONNX operator set the nodes bind against.</param>
    /// <param name="producerName">The tool recorded as the model's producer.</param>
    /// <param name="producerVersion">The producer's version.</param>
    /// <exception cref="ArgumentException"><paramref name="graphName"/> is empty, or <paramref name="opsetVersion"/> is below 1.</exception>
    public OnnxModelBuilder(string graphName, long opsetVersion = DefaultOpsetVersion, string producerName = "voicefleet", string producerVersion = "1.0")
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        ArgumentOutOfRangeException.ThrowIfLessThan(opsetVersion, 1);
        ArgumentNullException.ThrowIfNull(producerName);
        ArgumentNullException.ThrowIfNull(producerVersion);
        _graphName = graphName;
        _opsetVersion = opsetVersion;
        _producerName = producerName;
        _producerVersion = producerVersion;
    }

    /// <summary>The graph's name.</summary>
    public string GraphName => _graphName;

    /// <summary>The default ONNX operator set version.</summary>
    public long OpsetVersion => _opsetVersion;

    /// <summary>Declares a graph input: a tensor the caller feeds on every run.</summary>
    /// <param name="name">The value name nodes refer to.</param>
    /// <param name="type">The element type.</param>
    /// <param name="shape">Its dimensions, fixed or symbolic; none for a scalar.</param>
    /// <exception cref="ArgumentException">The name is empty or already defined, the type is not a tensor element type, or a dimension is invalid.</exception>
    public OnnxModelBuilder AddInput(string name, OnnxElementType type, params OnnxDim[] shape)
    {
        ValueInfoProto info = ValueInfo(name, type, shape, "Input");
        Define(name, "a graph input", nameof(name));
        _inputs.Add(info);
        return this;
    }

    /// <summary>Declares a graph output: a value the model returns, produced by a node (or an input or initializer).</summary>
    /// <param name="name">The name of the value returned.</param>
    /// <param name="type">The element type.</param>
    /// <param name="shape">Its dimensions, fixed or symbolic; none for a scalar.</param>
    /// <exception cref="ArgumentException">The name is empty or already an output, the type is not a tensor element type, or a dimension is invalid.</exception>
    public OnnxModelBuilder AddOutput(string name, OnnxElementType type, params OnnxDim[] shape)
    {
        ValueInfoProto info = ValueInfo(name, type, shape, "Output");
        if (!_outputNames.Add(name))
        {
            throw new ArgumentException($"Output '{name}' is already declared.", nameof(name));
        }

        _outputs.Add(info);
        return this;
    }

    /// <summary>Adds a float32 constant tensor.</summary>
    /// <param name="name">The value name nodes refer to.</param>
    /// <param name="values">The elements in row-major order (copied).</param>
    /// <param name="dims">The tensor's dimensions; none for a scalar. Their product must equal the value count.</param>
    /// <exception cref="ArgumentException">The name is empty or already defined, a dimension is negative, or the value count does not match the dims.</exception>
    public OnnxModelBuilder AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims) =>
        Initializer(name, OnnxElementType.Float, values, dims);

    /// <summary>Adds a float64 constant tensor.</summary>
    /// <inheritdoc cref="AddInitializer(string, ReadOnlySpan{float}, long[])"/>
    public OnnxModelBuilder AddInitializer(string name, ReadOnlySpan<double> values, params long[] dims) =>
        Initializer(name, OnnxElementType.Double, values, dims);

    /// <summary>Adds an int64 constant tensor (shapes, axes, indices).</summary>
    /// <inheritdoc cref="AddInitializer(string, ReadOnlySpan{float}, long[])"/>
    public OnnxModelBuilder AddInitializer(string name, ReadOnlySpan<long> values, params long[] dims) =>
        Initializer(name, OnnxElementType.Int64, values, dims);

    /// <summary>Adds an int32 constant tensor.</summary>
    /// <inheritdoc cref="AddInitializer(string, ReadOnlySpan{float}, long[])"/>
    public OnnxModelBuilder AddInitializer(string name, ReadOnlySpan<int> values, params long[] dims) =>
        Initializer(name, OnnxElementType.Int32, values, dims);

    /// <summary>
    /// Adds a constant tensor of any fixed-width element type from its little-endian bytes
    /// (bool: one byte per element, 0 or 1; float16: IEEE half bits).
    /// </summary>
    /// <param name="name">The value name nodes refer to.</param>
    /// <param name="type">The element type; not <see cref="OnnxElementType.String"/> or <see cref="OnnxElementType.Undefined"/>.</param>
    /// <param name="littleEndianData">The elements' bytes in row-major order (copied).</param>
    /// <param name="dims">The tensor's dimensions; none for a scalar.</param>
    /// <exception cref="ArgumentException">The name is empty or already defined, the type has no fixed width, or the byte count does not match the dims.</exception>
    public OnnxModelBuilder AddRawInitializer(string name, OnnxElementType type, ReadOnlySpan<byte> littleEndianData, params long[] dims)
    {
        CheckNewValueName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(dims);
        TensorProto tensor = TensorData.CreateRaw(name, type, littleEndianData, dims, $"Initializer '{name}'", nameof(littleEndianData));
        return AddInitializerProto(tensor);
    }

    /// <summary>Adds a node applying <paramref name="opType"/> in the default ONNX domain, named <c>{opType}_{index}</c>.</summary>
    /// <param name="opType">The operator, e.g. <c>Add</c>.</param>
    /// <param name="inputs">Value names in the operator's input order; <c>""</c> leaves an optional input out.</param>
    /// <param name="outputs">New value names in the operator's output order; <c>""</c> leaves an optional output out.</param>
    /// <param name="attributes">The operator's attributes.</param>
    /// <exception cref="ArgumentException">See <see cref="AddNode(OnnxNode)"/>.</exception>
    public OnnxModelBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes) =>
        AddNode(new OnnxNode(opType, inputs, outputs, attributes));

    /// <summary>Adds a node. Nodes must be added in topological order (a node after the nodes whose outputs it reads).</summary>
    /// <exception cref="ArgumentException">
    /// The op type is empty; the node has no named output; an output name is already defined or repeated;
    /// an input name is null; the node name is taken; or two attributes share a name.
    /// </exception>
    public OnnxModelBuilder AddNode(OnnxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (string.IsNullOrEmpty(node.OpType))
        {
            throw new ArgumentException("A node needs a non-empty op type.", nameof(node));
        }

        ArgumentNullException.ThrowIfNull(node.Domain, nameof(node));
        string nodeName = node.Name ?? AutomaticNodeName(node.OpType);
        string label = $"Node '{nodeName}' ({node.OpType})";
        if (nodeName.Length == 0)
        {
            throw new ArgumentException($"{label}: a node name, when given, must be non-empty.", nameof(node));
        }

        if (_nodeNames.Contains(nodeName))
        {
            throw new ArgumentException($"{label}: the node name '{nodeName}' is already used.", nameof(node));
        }

        foreach (string input in node.Inputs)
        {
            if (input is null)
            {
                throw new ArgumentException($"{label}: an input name is null (use \"\" to leave an optional input out).", nameof(node));
            }
        }

        var seenOutputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (string output in node.Outputs)
        {
            if (output is null)
            {
                throw new ArgumentException($"{label}: an output name is null (use \"\" to leave an optional output out).", nameof(node));
            }

            if (output.Length == 0)
            {
                continue;
            }

            if (!seenOutputs.Add(output))
            {
                throw new ArgumentException($"{label}: output '{output}' is listed twice.", nameof(node));
            }

            if (_definedBy.TryGetValue(output, out string? by))
            {
                throw new ArgumentException($"{label}: output '{output}' is already defined as {by}; every value is defined once.", nameof(node));
            }
        }

        if (seenOutputs.Count == 0)
        {
            throw new ArgumentException($"{label}: a node needs at least one named output.", nameof(node));
        }

        var seenAttributes = new HashSet<string>(StringComparer.Ordinal);
        var proto = new NodeProto { Name = nodeName, OpType = node.OpType };
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            if (attribute is null)
            {
                throw new ArgumentException($"{label}: an attribute is null.", nameof(node));
            }

            if (!seenAttributes.Add(attribute.Name))
            {
                throw new ArgumentException($"{label}: attribute '{attribute.Name}' is given twice.", nameof(node));
            }

            proto.Attribute.Add(attribute.Proto);
        }

        proto.Input.Add(node.Inputs);
        proto.Output.Add(node.Outputs);
        if (node.Domain.Length > 0)
        {
            proto.Domain = node.Domain;
        }

        if (node.DocString is not null)
        {
            proto.DocString = node.DocString;
        }

        foreach (string output in seenOutputs)
        {
            _definedBy.Add(output, $"an output of node '{nodeName}'");
        }

        _nodeNames.Add(nodeName);
        _nodes.Add(proto);
        return this;
    }

    /// <summary>Imports an extra operator set, needed by nodes in a domain other than the default (e.g. <c>com.microsoft</c>).</summary>
    /// <exception cref="ArgumentException">The domain is empty (the default set comes from the constructor) or already imported, or the version is below 1.</exception>
    public OnnxModelBuilder AddOpsetImport(string domain, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (_extraOpsets.Exists(o => o.Domain == domain))
        {
            throw new ArgumentException($"Operator set domain '{domain}' is already imported.", nameof(domain));
        }

        _extraOpsets.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        return this;
    }

    /// <summary>Adds a metadata entry (ONNX <c>metadata_props</c>), readable from a loaded session.</summary>
    /// <exception cref="ArgumentException">The key is empty or already present.</exception>
    public OnnxModelBuilder AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_metadataKeys.Add(key))
        {
            throw new ArgumentException($"Metadata key '{key}' is already present.", nameof(key));
        }

        _metadata.Add(new StringStringEntryProto { Key = key, Value = value });
        return this;
    }

    /// <summary>Sets the model's documentation string.</summary>
    public OnnxModelBuilder WithDocString(string doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        _docString = doc;
        return this;
    }

    /// <summary>Sets the model's own version number (ONNX <c>model_version</c>).</summary>
    public OnnxModelBuilder WithModelVersion(long version)
    {
        _modelVersion = version;
        return this;
    }

    /// <summary>Sets the model's reverse-DNS domain, e.g. <c>dev.voicefleet</c>.</summary>
    public OnnxModelBuilder WithDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _domain = domain;
        return this;
    }

    /// <summary>Checks the graph and serialises the model. The same calls always give the same bytes.</summary>
    /// <exception cref="InvalidOperationException">
    /// The graph has no output; a node input names nothing defined before it; a graph output names
    /// no value; or a node's domain has no operator set import.
    /// </exception>
    public byte[] ToBytes() => Build().ToByteArray();

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="path"/>, replacing any file there.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllBytes(path, ToBytes());
    }

    private ModelProto Build()
    {
        Validate();
        var graph = new GraphProto { Name = _graphName };
        graph.Node.Add(_nodes);
        graph.Initializer.Add(_initializers);
        graph.Input.Add(_inputs);
        graph.Output.Add(_outputs);

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = _producerName,
            ProducerVersion = _producerVersion,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = _opsetVersion });
        model.OpsetImport.Add(_extraOpsets);
        if (_domain is not null)
        {
            model.Domain = _domain;
        }

        if (_modelVersion is long version)
        {
            model.ModelVersion = version;
        }

        if (_docString is not null)
        {
            model.DocString = _docString;
        }

        model.MetadataProps.Add(_metadata);
        return model;
    }

    private void Validate()
    {
        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{_graphName}' has no outputs; declare at least one with AddOutput.");
        }

        var available = new HashSet<string>(StringComparer.Ordinal);
        foreach (ValueInfoProto input in _inputs)
        {
            available.Add(input.Name);
        }

        foreach (TensorProto initializer in _initializers)
        {
            available.Add(initializer.Name);
        }

        foreach (NodeProto node in _nodes)
        {
            if (node.Domain.Length > 0 && !_extraOpsets.Exists(o => o.Domain == node.Domain))
            {
                throw new InvalidOperationException(
                    $"Node '{node.Name}' ({node.OpType}) is in domain '{node.Domain}', which has no operator set import; call AddOpsetImport.");
            }

            foreach (string input in node.Input)
            {
                if (input.Length == 0 || available.Contains(input))
                {
                    continue;
                }

                string why = _definedBy.TryGetValue(input, out string? by)
                    ? $"it is {by}, which comes later; add nodes in topological order"
                    : "it is not a graph input, an initializer or an output of an earlier node";
                throw new InvalidOperationException($"Node '{node.Name}' ({node.OpType}) reads '{input}', but {why}.");
            }

            foreach (string output in node.Output)
            {
                if (output.Length > 0)
                {
                    available.Add(output);
                }
            }
        }

        foreach (ValueInfoProto output in _outputs)
        {
            if (!available.Contains(output.Name))
            {
                throw new InvalidOperationException(
                    $"Graph output '{output.Name}' is not a graph input, an initializer or a node output.");
            }
        }
    }

    private OnnxModelBuilder Initializer<T>(string name, OnnxElementType type, ReadOnlySpan<T> values, long[] dims)
        where T : unmanaged
    {
        CheckNewValueName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(dims);
        TensorProto tensor = TensorData.Create(name, type, values, dims, $"Initializer '{name}'", nameof(values));
        return AddInitializerProto(tensor);
    }

    private OnnxModelBuilder AddInitializerProto(TensorProto tensor)
    {
        Define(tensor.Name, "an initializer", "name");
        _initializers.Add(tensor);
        return this;
    }

    private string AutomaticNodeName(string opType)
    {
        string name = $"{opType}_{_nodes.Count.ToString(CultureInfo.InvariantCulture)}";
        for (int k = 1; _nodeNames.Contains(name); k++)
        {
            name = $"{opType}_{_nodes.Count.ToString(CultureInfo.InvariantCulture)}_{k.ToString(CultureInfo.InvariantCulture)}";
        }

        return name;
    }

    private void CheckNewValueName(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, paramName);
        if (_definedBy.TryGetValue(name, out string? by))
        {
            throw new ArgumentException($"'{name}' is already defined as {by}; every value is defined once.", paramName);
        }
    }

    private void Define(string name, string what, string paramName)
    {
        CheckNewValueName(name, paramName);
        _definedBy.Add(name, what);
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType type, OnnxDim[] shape, string role)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (type == OnnxElementType.Undefined || !Enum.IsDefined(type))
        {
            throw new ArgumentException($"{role} '{name}': {type} is not a tensor element type.", nameof(type));
        }

        var tensorShape = new TensorShapeProto();
        for (int i = 0; i < shape.Length; i++)
        {
            OnnxDim dim = shape[i];
            if (dim.Problem() is string problem)
            {
                throw new ArgumentException($"{role} '{name}', dimension {i.ToString(CultureInfo.InvariantCulture)}: {problem}.", nameof(shape));
            }

            var d = new TensorShapeProto.Types.Dimension();
            if (dim.IsFixed)
            {
                d.DimValue = dim.Value;
            }
            else if (dim.IsSymbolic)
            {
                d.DimParam = dim.Param;
            }

            tensorShape.Dim.Add(d);
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape },
            },
        };
    }
}

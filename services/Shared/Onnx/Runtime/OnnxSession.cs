using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// A loaded ONNX model, ready to run. <see cref="Run"/> and <see cref="RunInto"/> may be called from many threads
/// at once (ORT sessions are thread-safe for runs); disposing while runs are in flight is safe too: the native
/// session is released when the last of them returns.
/// </summary>
public sealed partial class OnnxSession : IDisposable
{
    private readonly OrtApi api;
    private readonly OrtSessionHandle handle;

    // Referenced so the environment (the OrtEnv the session was created in) is reachable as long as the session.
    private readonly OnnxRuntimeEnvironment environment;
    private readonly ILogger logger;
    private readonly OnnxTensorInfo[] inputs;
    private readonly OnnxTensorInfo[] outputs;
    private readonly Dictionary<string, int> inputIndex;
    private readonly Dictionary<string, int> outputIndex;
    private readonly OrtNameBlock inputNames;
    private readonly OrtNameBlock outputNames;
    private readonly int[] allOutputs;

    // Per output: its shape when the model fixes every dimension of a numeric tensor (Run then hands ORT the
    // output's memory up front), else null. Set to null for good when a run gives another shape.
    private readonly long[]?[] staticShapes;

    // Values kept between runs: over the caller's input arrays, over RunInto's output buffers, and over the
    // session's own staging buffers for Run's small static outputs (see OrtCachedValue).
    private readonly OrtValueSlot[] inputSlots;
    private readonly OrtValueSlot[] outputSlots;
    private readonly OrtValueSlot[] stagingSlots;
    private int closed;

    private readonly bool rejectNonFiniteInputs;

    private OnnxSession(OnnxRuntimeEnvironment environment, OrtSessionHandle handle, string executionProvider, bool rejectNonFiniteInputs)
    {
        this.rejectNonFiniteInputs = rejectNonFiniteInputs;
        this.environment = environment;
        api = environment.Api;
        this.handle = handle;
        logger = environment.LoggerFactory.CreateLogger<OnnxSession>();
        ExecutionProvider = executionProvider;
        inputs = OrtModelInspector.ReadTensorInfos(api, handle, inputs: true);
        outputs = OrtModelInspector.ReadTensorInfos(api, handle, inputs: false);
        Metadata = OrtModelInspector.ReadMetadata(api, handle);
        inputIndex = IndexByName(inputs);
        outputIndex = IndexByName(outputs);
        inputNames = new OrtNameBlock(inputs);
        outputNames = new OrtNameBlock(outputs);
        allOutputs = Enumerable.Range(0, outputs.Length).ToArray();
        staticShapes = outputs.Select(StaticShape).ToArray();
        inputSlots = new OrtValueSlot[inputs.Length];
        outputSlots = new OrtValueSlot[outputs.Length];
        stagingSlots = new OrtValueSlot[outputs.Length];
    }

    /// <summary>The model's inputs, in the model's order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs => inputs;

    /// <summary>The model's outputs, in the model's order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs => outputs;

    /// <summary>The model's metadata.</summary>
    public OnnxModelMetadata Metadata { get; }

    /// <summary>"CUDA" when the CUDA provider was added, else "CPU".</summary>
    public string ExecutionProvider { get; }

    /// <summary>The native session (for the benchmark's measurement of ORT's own <c>Run</c>).</summary>
    internal OrtSessionHandle Handle => handle;

    /// <summary>The function table the session was created through.</summary>
    internal OrtApi Api => api;

    /// <summary>The UTF-8 input names, by model index; valid while the session is reachable.</summary>
    internal nint[] InputNamePointers => inputNames.Pointers;

    /// <summary>The UTF-8 output names, by model index; valid while the session is reachable.</summary>
    internal nint[] OutputNamePointers => outputNames.Pointers;

    /// <summary>Loads a model file.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Threads, optimization, provider; defaults when null.</param>
    /// <param name="environment">The runtime; <see cref="OnnxRuntimeEnvironment.Default"/> when null.</param>
    /// <exception cref="OnnxRuntimeException">ORT could not load the model (missing file, invalid model).</exception>
    public static OnnxSession Open(string modelPath, OnnxSessionOptions? options = null, OnnxRuntimeEnvironment? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var env = environment ?? OnnxRuntimeEnvironment.Default;
        using var native = OrtSessionOptionsBuilder.Build(env.Api, options ?? OnnxSessionOptions.Default, env.LoggerFactory.CreateLogger<OnnxSession>(), out var provider);
        return Wrap(env, env.Api.CreateSession(env.Handle, Path.GetFullPath(modelPath), native), provider, options ?? OnnxSessionOptions.Default);
    }

    /// <summary>Loads a model from its bytes (ORT parses them during the call and keeps no reference).</summary>
    /// <param name="model">The serialized ModelProto.</param>
    /// <param name="options">Threads, optimization, provider; defaults when null.</param>
    /// <param name="environment">The runtime; <see cref="OnnxRuntimeEnvironment.Default"/> when null.</param>
    /// <exception cref="OnnxRuntimeException">ORT could not load the model (for example, the bytes are not a model).</exception>
    public static OnnxSession FromBytes(ReadOnlySpan<byte> model, OnnxSessionOptions? options = null, OnnxRuntimeEnvironment? environment = null)
    {
        if (model.IsEmpty)
        {
            throw new ArgumentException("The model is empty.", nameof(model));
        }

        var env = environment ?? OnnxRuntimeEnvironment.Default;
        using var native = OrtSessionOptionsBuilder.Build(env.Api, options ?? OnnxSessionOptions.Default, env.LoggerFactory.CreateLogger<OnnxSession>(), out var provider);
        return Wrap(env, env.Api.CreateSessionFromArray(env.Handle, model, native), provider, options ?? OnnxSessionOptions.Default);
    }

    /// <summary>
    /// Runs the model. Every model input must be given; the input tensors' memory is pinned and passed to ORT
    /// without copies. Outputs come back as new managed tensors.
    /// </summary>
    /// <param name="inputs">Tensors by input name.</param>
    /// <param name="outputNames">The outputs wanted; all when null.</param>
    /// <param name="cancellationToken">Cancelling stops the native run at its next node.</param>
    /// <returns>The outputs by name.</returns>
    /// <exception cref="ArgumentException">An input or output name is unknown, an input is missing, or a tensor's type or shape does not fit; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (before or during the run).</exception>
    /// <exception cref="OnnxRuntimeException">ORT failed the run.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public IReadOnlyDictionary<string, OnnxTensor> Run(
        IReadOnlyDictionary<string, OnnxTensor> inputs,
        IReadOnlyList<string>? outputNames = null,
        CancellationToken cancellationToken = default)
    {
        var inline = default(TensorList);
        var ordered = this.inputs.Length <= TensorList.Capacity ? ((Span<OnnxTensor?>)inline)[..this.inputs.Length] : new OnnxTensor?[this.inputs.Length];
        OrderInputs(inputs, ordered);
        int[] wanted;
        if (outputNames is null)
        {
            // Shared across runs: only read.
            wanted = allOutputs;
        }
        else
        {
            wanted = new int[outputNames.Count];
            for (var i = 0; i < wanted.Length; i++)
            {
                wanted[i] = OnnxRunValidator.IndexOf(outputIndex, outputNames[i], "Output", outputs, nameof(outputNames));
                if (Array.IndexOf(wanted, wanted[i], 0, i) >= 0)
                {
                    throw new ArgumentException($"Output '{outputNames[i]}' is asked for twice.", nameof(outputNames));
                }
            }
        }

        foreach (var index in wanted)
        {
            if (outputs[index].ElementType == OnnxElementType.Undefined)
            {
                throw new ArgumentException($"Output '{outputs[index].Name}' is not a tensor; the binding reads tensors only (ask for the others by name).", nameof(outputNames));
            }
        }

        var results = new OnnxTensor[wanted.Length];
        RunCore(ordered, wanted, [], results, cancellationToken);
        return new OnnxRunOutputs(outputs, outputIndex, wanted, results);
    }

    /// <summary>
    /// Runs the model writing the named outputs into caller-supplied tensors (for example from
    /// <see cref="OnnxTensor.Allocate"/>), whose element type and shape must be exactly the output's.
    /// </summary>
    /// <param name="inputs">Tensors by input name.</param>
    /// <param name="outputs">Numeric tensors by output name, written in place.</param>
    /// <param name="cancellationToken">Cancelling stops the native run at its next node.</param>
    /// <exception cref="ArgumentException">A name is unknown, an input is missing, or a tensor's type or shape does not fit; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="OnnxRuntimeException">ORT failed the run (including a computed shape that differs from the buffer's).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public void RunInto(
        IReadOnlyDictionary<string, OnnxTensor> inputs,
        IReadOnlyDictionary<string, OnnxTensor> outputs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var inline = default(TensorList);
        var ordered = this.inputs.Length <= TensorList.Capacity ? ((Span<OnnxTensor?>)inline)[..this.inputs.Length] : new OnnxTensor?[this.inputs.Length];
        OrderInputs(inputs, ordered);

        var count = outputs.Count;
        var inlineBuffers = default(TensorList);
        var buffers = count <= TensorList.Capacity ? ((Span<OnnxTensor?>)inlineBuffers)[..count] : new OnnxTensor?[count];
        Span<int> wanted = count <= StackLimit ? stackalloc int[count] : new int[count];
        var placed = 0;
        if (outputs is Dictionary<string, OnnxTensor> dictionary)
        {
            // The struct enumerator: no allocation for the usual argument type.
            foreach (var (name, tensor) in dictionary)
            {
                PlaceBuffer(name, tensor, ref placed, wanted, buffers, nameof(outputs));
            }
        }
        else
        {
            foreach (var (name, tensor) in outputs)
            {
                PlaceBuffer(name, tensor, ref placed, wanted, buffers, nameof(outputs));
            }
        }

        if (placed != count)
        {
            throw new ArgumentException($"The outputs dictionary listed {placed} entries but its Count is {count}.", nameof(outputs));
        }

        RunCore(ordered, wanted, buffers, null, cancellationToken);
    }

    /// <summary>Marks the session closed, releases the values it kept, and the native session once no run is using it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }

        handle.Dispose();
        ClearSlots(inputSlots);
        ClearSlots(outputSlots);
        ClearSlots(stagingSlots);
    }

    private static OnnxSession Wrap(OnnxRuntimeEnvironment environment, OrtSessionHandle handle, string executionProvider, OnnxSessionOptions options)
    {
        try
        {
            return new OnnxSession(environment, handle, executionProvider, options.RejectNonFiniteInputs);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static Dictionary<string, int> IndexByName(OnnxTensorInfo[] infos)
    {
        var index = new Dictionary<string, int>(infos.Length, StringComparer.Ordinal);
        for (var i = 0; i < infos.Length; i++)
        {
            index[infos[i].Name] = i;
        }

        return index;
    }

    /// <summary>
    /// The shape every run gives an output when the model fixes all its dimensions, for a numeric tensor whose
    /// elements fit a managed array; else null (ORT allocates the output and the binding reads its shape).
    /// </summary>
    private static long[]? StaticShape(OnnxTensorInfo info)
    {
        if (OnnxElementTypes.SizeOf(info.ElementType) == 0)
        {
            return null;
        }

        long count = 1;
        foreach (var dim in info.Shape)
        {
            if (dim <= 0 || count > Array.MaxLength / dim)
            {
                // Unknown (-1), empty (0: nothing to gain) or too large for one array.
                return null;
            }

            count *= dim;
        }

        return (long[])info.Shape.Clone();
    }

    private static void ClearSlots(OrtValueSlot[] slots)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i].Clear();
        }
    }

    /// <summary>Validates the inputs and puts them in the model's order (so the cached name pointers line up).</summary>
    private void OrderInputs(IReadOnlyDictionary<string, OnnxTensor> inputs, Span<OnnxTensor?> ordered)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs is Dictionary<string, OnnxTensor> dictionary)
        {
            // The struct enumerator: no allocation for the usual argument type.
            foreach (var (name, tensor) in dictionary)
            {
                PlaceInput(name, tensor, ordered);
            }
        }
        else
        {
            foreach (var (name, tensor) in inputs)
            {
                PlaceInput(name, tensor, ordered);
            }
        }

        var missing = ordered.IndexOf((OnnxTensor?)null);
        if (missing >= 0)
        {
            throw new ArgumentException($"Input '{this.inputs[missing].Name}' ({this.inputs[missing]}) is required but was not given.", nameof(inputs));
        }
    }

    private void PlaceInput(string name, OnnxTensor tensor, Span<OnnxTensor?> ordered)
    {
        var index = OnnxRunValidator.IndexOf(inputIndex, name, "Input", inputs, nameof(inputs));
        OnnxRunValidator.CheckTensor(inputs[index], tensor, "Input", nameof(inputs));
        if (rejectNonFiniteInputs)
        {
            // Every run: the caller's array may have changed since the last one.
            OnnxRunValidator.CheckFinite(inputs[index], tensor, nameof(inputs));
        }

        ordered[index] = tensor;
    }

    private void PlaceBuffer(string name, OnnxTensor tensor, ref int placed, Span<int> wanted, Span<OnnxTensor?> buffers, string parameterName)
    {
        if (placed >= wanted.Length)
        {
            throw new ArgumentException($"The outputs dictionary listed more entries than its Count ({wanted.Length}).", parameterName);
        }

        var index = OnnxRunValidator.IndexOf(outputIndex, name, "Output", outputs, parameterName);
        OnnxRunValidator.CheckTensor(outputs[index], tensor, "Output", parameterName);
        if (tensor.Buffer is null)
        {
            throw new ArgumentException($"Output '{name}' is a string tensor; only numeric outputs can be written into caller buffers.", parameterName);
        }

        wanted[placed] = index;
        buffers[placed++] = tensor;
    }

    /// <summary>Room for a run's tensors on the stack (models with more inputs or outputs use an array).</summary>
    [System.Runtime.CompilerServices.InlineArray(Capacity)]
    private struct TensorList
    {
        public const int Capacity = 8;
        private OnnxTensor? element;
    }
}

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
    private readonly OnnxTensorInfo[] inputs;
    private readonly OnnxTensorInfo[] outputs;
    private readonly Dictionary<string, int> inputIndex;
    private readonly Dictionary<string, int> outputIndex;
    private readonly OrtNameBlock inputNames;
    private readonly OrtNameBlock outputNames;
    private readonly int[] allOutputs;

    private OnnxSession(OnnxRuntimeEnvironment environment, OrtSessionHandle handle, string executionProvider)
    {
        this.environment = environment;
        api = environment.Api;
        this.handle = handle;
        ExecutionProvider = executionProvider;
        inputs = OrtModelInspector.ReadTensorInfos(api, handle, inputs: true);
        outputs = OrtModelInspector.ReadTensorInfos(api, handle, inputs: false);
        Metadata = OrtModelInspector.ReadMetadata(api, handle);
        inputIndex = IndexByName(inputs);
        outputIndex = IndexByName(outputs);
        inputNames = new OrtNameBlock(inputs);
        outputNames = new OrtNameBlock(outputs);
        allOutputs = Enumerable.Range(0, outputs.Length).ToArray();
    }

    /// <summary>The model's inputs, in the model's order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs => inputs;

    /// <summary>The model's outputs, in the model's order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs => outputs;

    /// <summary>The model's metadata.</summary>
    public OnnxModelMetadata Metadata { get; }

    /// <summary>"CUDA" when the CUDA provider was added, else "CPU".</summary>
    public string ExecutionProvider { get; }

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
        return Wrap(env, env.Api.CreateSession(env.Handle, Path.GetFullPath(modelPath), native), provider);
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
        return Wrap(env, env.Api.CreateSessionFromArray(env.Handle, model, native), provider);
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
        var ordered = OrderInputs(inputs);
        int[] wanted;
        if (outputNames is null)
        {
            // Shared across runs: RunCore only reads it.
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

        var results = RunCore(ordered, wanted, preallocated: null, cancellationToken);
        var byName = new Dictionary<string, OnnxTensor>(wanted.Length, StringComparer.Ordinal);
        for (var i = 0; i < wanted.Length; i++)
        {
            byName[outputs[wanted[i]].Name] = results[i]!;
        }

        return byName;
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
        var ordered = OrderInputs(inputs);
        var wanted = new int[outputs.Count];
        var buffers = new OnnxTensor[outputs.Count];
        var i = 0;
        foreach (var (name, tensor) in outputs)
        {
            wanted[i] = OnnxRunValidator.IndexOf(outputIndex, name, "Output", this.outputs, nameof(outputs));
            OnnxRunValidator.CheckTensor(this.outputs[wanted[i]], tensor, "Output", nameof(outputs));
            if (tensor.Buffer is null)
            {
                throw new ArgumentException($"Output '{name}' is a string tensor; only numeric outputs can be written into caller buffers.", nameof(outputs));
            }

            buffers[i++] = tensor;
        }

        RunCore(ordered, wanted, buffers, cancellationToken);
    }

    /// <summary>Releases the native session once no run is using it.</summary>
    public void Dispose() => handle.Dispose();

    private static OnnxSession Wrap(OnnxRuntimeEnvironment environment, OrtSessionHandle handle, string executionProvider)
    {
        try
        {
            return new OnnxSession(environment, handle, executionProvider);
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

    /// <summary>Validates the inputs and puts them in the model's order (so the cached name pointers line up).</summary>
    private OnnxTensor[] OrderInputs(IReadOnlyDictionary<string, OnnxTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ordered = new OnnxTensor[this.inputs.Length];
        foreach (var (name, tensor) in inputs)
        {
            var index = OnnxRunValidator.IndexOf(inputIndex, name, "Input", this.inputs, nameof(inputs));
            OnnxRunValidator.CheckTensor(this.inputs[index], tensor, "Input", nameof(inputs));
            ordered[index] = tensor;
        }

        var missing = Array.IndexOf(ordered, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"Input '{this.inputs[missing].Name}' ({this.inputs[missing]}) is required but was not given.", nameof(inputs));
        }

        return ordered;
    }
}

using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>How a session is created and runs.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>Options as ORT's defaults, on CPU.</summary>
    public static OnnxSessionOptions Default { get; } = new();

    /// <summary>Threads used inside one operator; 0 lets ORT choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used across operators in <see cref="OnnxExecutionMode.Parallel"/>; 0 lets ORT choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Graph optimizations applied when the session is created.</summary>
    public OnnxGraphOptimizationLevel GraphOptimizationLevel { get; init; } = OnnxGraphOptimizationLevel.All;

    /// <summary>Sequential or parallel execution of the graph.</summary>
    public OnnxExecutionMode ExecutionMode { get; init; } = OnnxExecutionMode.Sequential;

    /// <summary>Whether CPU memory comes from ORT's arena (faster reuse, memory held longer).</summary>
    public bool EnableCpuMemArena { get; init; } = true;

    /// <summary>Whether ORT plans memory from the first run's pattern (helps when shapes repeat).</summary>
    public bool EnableMemPattern { get; init; } = true;

    /// <summary>
    /// Whether to try the CUDA execution provider. When it cannot be added (no provider library, no GPU) the
    /// session runs on CPU and a warning is logged.
    /// </summary>
    public bool UseCuda { get; init; }

    /// <summary>The CUDA device when <see cref="UseCuda"/> is set.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>
    /// Whether runs refuse floating-point inputs holding NaN or ±∞ (an <see cref="ArgumentException"/> naming the
    /// input and the first bad element) before any native call. On by default: a non-finite input is almost always
    /// a caller's bug that would otherwise come back as silent NaN output. Turn off for models that take ±∞ masks.
    /// </summary>
    public bool RejectNonFiniteInputs { get; init; } = true;

    /// <summary>The least severe message this session's ORT logger emits; null keeps the environment's level.</summary>
    public LogLevel? LogLevel { get; init; }

    /// <summary>Throws when a value is out of range (before any native call).</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(InterOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(CudaDeviceId);
        if (!Enum.IsDefined(GraphOptimizationLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(GraphOptimizationLevel), GraphOptimizationLevel, "Not a graph optimization level.");
        }

        if (!Enum.IsDefined(ExecutionMode))
        {
            throw new ArgumentOutOfRangeException(nameof(ExecutionMode), ExecutionMode, "Not an execution mode.");
        }
    }
}

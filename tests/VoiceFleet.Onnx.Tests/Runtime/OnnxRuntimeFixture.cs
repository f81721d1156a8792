using Microsoft.Extensions.Logging;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>
/// Creates the process's ONNX Runtime environment once for every runtime test, logging into a collecting
/// factory. The environment is process-wide, so all runtime tests share this collection.
/// </summary>
public sealed class OnnxRuntimeFixture
{
    public OnnxRuntimeFixture()
    {
        Environment = OnnxRuntimeEnvironment.GetOrCreate(new OnnxRuntimeOptions { LogLevel = LogLevel.Warning }, Logs);
    }

    internal CollectingLoggerFactory Logs { get; } = new();

    public OnnxRuntimeEnvironment Environment { get; }

    /// <summary>Single-threaded, so timings and results do not depend on a busy machine's other work.</summary>
    public static OnnxSessionOptions SingleThreaded { get; } = new() { IntraOpThreads = 1, InterOpThreads = 1 };
}

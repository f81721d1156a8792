namespace VoiceFleet.Onnx.Runtime;

/// <summary>Whether independent graph branches run one after another or at once (<c>ExecutionMode</c>).</summary>
public enum OnnxExecutionMode
{
    /// <summary>Nodes run one at a time (each may still use the intra-op threads).</summary>
    Sequential = 0,
    /// <summary>Independent nodes run at once on the inter-op threads.</summary>
    Parallel = 1,
}

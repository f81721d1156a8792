namespace VoiceFleet.Onnx.Runtime;

/// <summary>How much ORT rewrites the graph before running it (<c>GraphOptimizationLevel</c>).</summary>
public enum OnnxGraphOptimizationLevel
{
    /// <summary>No rewriting.</summary>
    Disabled = 0,
    /// <summary>Semantics-preserving basics: constant folding, redundant node removal.</summary>
    Basic = 1,
    /// <summary>Basic plus node fusions.</summary>
    Extended = 2,
    /// <summary>Extended plus layout optimizations.</summary>
    Layout = 3,
    /// <summary>Everything ORT has.</summary>
    All = 99,
}

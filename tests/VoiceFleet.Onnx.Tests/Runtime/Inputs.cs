using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>Shorthand for building a run's inputs.</summary>
internal static class Inputs
{
    public static Dictionary<string, OnnxTensor> Of(params (string Name, OnnxTensor Tensor)[] tensors) =>
        tensors.ToDictionary(t => t.Name, t => t.Tensor, StringComparer.Ordinal);
}

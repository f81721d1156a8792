using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>The runtime tests: one environment, run one class at a time (the slow-model tests time themselves).</summary>
[CollectionDefinition(Name)]
public sealed class OnnxRuntimeTestGroup : ICollectionFixture<OnnxRuntimeFixture>
{
    public const string Name = "OnnxRuntime";
}

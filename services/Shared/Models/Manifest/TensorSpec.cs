using System.Text.Json.Serialization;
using VoiceFleet.Models.Json;
using VoiceFleet.Onnx;

namespace VoiceFleet.Models.Manifest;

/// <summary>A declared input or output of a component's ONNX model; checked against the real model at load.</summary>
public sealed record TensorSpec
{
    /// <summary>The tensor's name in the ONNX graph (<c>name</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>What the tensor carries (<c>role</c>).</summary>
    [JsonConverter(typeof(TensorRoleJsonConverter))]
    public TensorRole Role { get; init; }

    /// <summary>
    /// The element type (<c>type</c>): <c>float32</c>, <c>float16</c>, <c>float64</c>, <c>int8</c>, <c>int16</c>,
    /// <c>int32</c>, <c>int64</c>, <c>uint8</c>, <c>uint16</c>, <c>uint32</c>, <c>uint64</c>, <c>bool</c> or <c>string</c>.
    /// </summary>
    [JsonPropertyName("type")]
    [JsonConverter(typeof(ElementTypeJsonConverter))]
    public OnnxElementType ElementType { get; init; }

    /// <summary>The dimensions, fixed or symbolic (<c>shape</c>); empty for a scalar.</summary>
    public IReadOnlyList<TensorDim> Shape { get; init; } = [];
}

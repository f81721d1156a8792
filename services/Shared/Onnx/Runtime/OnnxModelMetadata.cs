namespace VoiceFleet.Onnx.Runtime;

/// <summary>A model's metadata (the <c>ModelProto</c> fields ORT exposes and its <c>metadata_props</c>).</summary>
/// <param name="ProducerName">The tool that wrote the model.</param>
/// <param name="GraphName">The graph's name.</param>
/// <param name="GraphDescription">The graph's doc string.</param>
/// <param name="Description">The model's doc string.</param>
/// <param name="Domain">The model's domain.</param>
/// <param name="Version">The model's version number.</param>
/// <param name="CustomMetadata">The model's <c>metadata_props</c>.</param>
public sealed record OnnxModelMetadata(
    string ProducerName,
    string GraphName,
    string GraphDescription,
    string Description,
    string Domain,
    long Version,
    IReadOnlyDictionary<string, string> CustomMetadata);

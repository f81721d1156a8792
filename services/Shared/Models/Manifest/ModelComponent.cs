namespace VoiceFleet.Models.Manifest;

/// <summary>One ONNX model of a bundle (the <c>model</c>, the <c>acoustic</c> model, the <c>vocoder</c>, the <c>encoder</c>).</summary>
public sealed record ModelComponent
{
    /// <summary>The ONNX file, relative to the bundle directory and listed in <see cref="ModelManifest.Files"/> (<c>file</c>).</summary>
    public string File { get; init; } = "";

    /// <summary>Every input of the model, in any order (<c>inputs</c>).</summary>
    public IReadOnlyList<TensorSpec> Inputs { get; init; } = [];

    /// <summary>The outputs used (<c>outputs</c>); the model may have more.</summary>
    public IReadOnlyList<TensorSpec> Outputs { get; init; } = [];
}

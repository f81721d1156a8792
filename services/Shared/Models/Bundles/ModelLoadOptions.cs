using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Models.Bundles;

/// <summary>How a bundle is loaded.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>The defaults: ORT's default session options, the default environment, sessions opened at load.</summary>
    public static ModelLoadOptions Default { get; } = new();

    /// <summary>Options of the sessions the bundle opens; ORT's defaults when null.</summary>
    public OnnxSessionOptions? SessionOptions { get; init; }

    /// <summary>The ONNX Runtime environment; <see cref="OnnxRuntimeEnvironment.Default"/> when null.</summary>
    public OnnxRuntimeEnvironment? Environment { get; init; }

    /// <summary>
    /// Whether every component's session is opened (and its tensors checked against the manifest) during the load, so a
    /// bad model fails the load; when false each opens on first <see cref="ModelBundle.GetSession"/>. Piper voices
    /// always open their session at load, because their manifest is completed from the model.
    /// </summary>
    public bool OpenSessions { get; init; } = true;
}

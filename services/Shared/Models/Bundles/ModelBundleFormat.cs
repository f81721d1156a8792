namespace VoiceFleet.Models.Bundles;

/// <summary>Where a loaded bundle's manifest came from.</summary>
public enum ModelBundleFormat
{
    /// <summary>A VoiceFleet bundle: a directory with model.json, every file hashed.</summary>
    Bundle = 0,

    /// <summary>A Piper voice: <c>&lt;name&gt;.onnx</c> and <c>&lt;name&gt;.onnx.json</c>, read into the same manifest.</summary>
    Piper = 1,
}

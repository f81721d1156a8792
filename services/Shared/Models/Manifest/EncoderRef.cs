namespace VoiceFleet.Models.Manifest;

/// <summary>An encoder bundle (by model name and version) whose embeddings a model was trained on.</summary>
public sealed record EncoderRef
{
    /// <summary>The encoder's model name (<c>name</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>The encoder's version (<c>version</c>).</summary>
    public string Version { get; init; } = "";
}

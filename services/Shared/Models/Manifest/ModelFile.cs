namespace VoiceFleet.Models.Manifest;

/// <summary>A file of the bundle, with the size and hash verified when the bundle loads.</summary>
public sealed record ModelFile
{
    /// <summary>The SHA-256 of the file's bytes, 64 lowercase hex digits (<c>sha256</c>).</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The file's size in bytes (<c>bytes</c>).</summary>
    public long Bytes { get; init; }
}

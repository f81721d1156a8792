namespace VoiceFleet.Encoders.Storage;

/// <summary>An enrolled voice as stored: its metadata, consent record, quality report (protobuf bytes) and reference audio (WAV).</summary>
internal sealed record StoredVoice
{
    public required string VoiceId { get; init; }

    public required string Name { get; init; }

    public required string Language { get; init; }

    public required string Transcript { get; init; }

    public required string ConsentSpeaker { get; init; }

    public required DateTimeOffset ConsentTime { get; init; }

    public required string ConsentEvidenceRef { get; init; }

    public required string ConsentScope { get; init; }

    public required string ConsentRecordedBy { get; init; }

    /// <summary>The <c>AudioQualityReport</c> of the reference, protobuf-encoded.</summary>
    public required byte[] Quality { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required string CreatedBy { get; init; }

    public required string AudioSha256 { get; init; }

    /// <summary>The reference as 16-bit mono WAV; empty when not loaded.</summary>
    public byte[] Audio { get; init; } = [];
}

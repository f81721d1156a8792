namespace VoiceFleet.Encoders.Storage;

/// <summary>
/// One line of the audit log: who did what to which voice or clip, when. Never holds audio or
/// transcripts; a deleted voice leaves only its id here.
/// </summary>
internal sealed record AuditEntry(DateTimeOffset Time, string Caller, string Action, string? VoiceId, string? ContentSha256, string Detail);

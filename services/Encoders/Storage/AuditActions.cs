namespace VoiceFleet.Encoders.Storage;

/// <summary>The actions the audit log records.</summary>
internal static class AuditActions
{
    /// <summary>A voice was enrolled (needs the <c>enroll</c> role at the gateway).</summary>
    public const string Enroll = "voice.enroll";

    /// <summary>A voice was deleted with its audio and embeddings (<c>enroll</c> role).</summary>
    public const string Delete = "voice.delete";

    /// <summary>A stored reference clip was read back (GetVoice with include_audio).</summary>
    public const string ReadAudio = "voice.read_audio";

    /// <summary>A speaker embedding was made from an inline clip (<c>clone</c> role).</summary>
    public const string CloneEmbed = "speaker.embed";
}

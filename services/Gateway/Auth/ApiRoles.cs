namespace VoiceFleet.Gateway.Auth;

/// <summary>What an API key may do.</summary>
[Flags]
internal enum ApiRoles
{
    /// <summary>Nothing beyond reads that every key may make.</summary>
    None = 0,

    /// <summary>Synthesis and the text frontend.</summary>
    Synthesize = 1,

    /// <summary>Zero-shot cloning: synthesis requests carrying reference audio, speaker embeddings of clips.</summary>
    Clone = 2,

    /// <summary>The voice registry (enrol, list, get, delete voices).</summary>
    Enroll = 4,

    /// <summary>May pick the track with <c>x-voicefleet-track</c>.</summary>
    Tester = 8,

    /// <summary>Release control mutations (start, pause, resume, promote, abort).</summary>
    ReleaseAdmin = 16,
}

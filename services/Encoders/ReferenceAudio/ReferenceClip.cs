using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Encoders.ReferenceAudio;

/// <summary>
/// A validated reference clip: decoded, mixed to mono, leading and trailing silence trimmed, with its
/// quality report and the warnings that report raised.
/// </summary>
internal sealed class ReferenceClip
{
    public ReferenceClip(float[] decoded, float[] trimmed, int sampleRate, string contentSha256, AudioQualityReport quality, IReadOnlyList<Warning> warnings)
    {
        Decoded = decoded;
        Trimmed = trimmed;
        SampleRate = sampleRate;
        ContentSha256 = contentSha256;
        Quality = quality;
        Warnings = warnings;
    }

    /// <summary>The whole clip as decoded (mono), before trimming; what an enrolled voice stores.</summary>
    public float[] Decoded { get; }

    /// <summary>The clip without its leading and trailing silence; what encoders read.</summary>
    public float[] Trimmed { get; }

    /// <summary>Samples per second of both.</summary>
    public int SampleRate { get; }

    /// <summary>sha256 (hex) of the decoded PCM (<see cref="PcmHash"/>): with the encoder version, the cache key.</summary>
    public string ContentSha256 { get; }

    public AudioQualityReport Quality { get; }

    public IReadOnlyList<Warning> Warnings { get; }
}

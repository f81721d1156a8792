using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Encoders.Configuration;

/// <summary>What reference audio is accepted and what is recommended; configuration section <c>Encoders:ReferenceAudio</c>.</summary>
public sealed class ReferenceAudioOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Encoders:ReferenceAudio";

    /// <summary>Least speech accepted (after trimming leading and trailing silence), seconds.</summary>
    [Range(0.1, 3600)]
    public double MinSeconds { get; set; } = 1;

    /// <summary>Longest clip accepted (as sent, before trimming), seconds.</summary>
    [Range(0.1, 3600)]
    public double MaxSeconds { get; set; } = 30;

    /// <summary>Least speech recommended; shorter gets <c>REFERENCE_TOO_SHORT</c>.</summary>
    [Range(0.1, 3600)]
    public double RecommendedMinSeconds { get; set; } = 3;

    /// <summary>Most speech recommended; longer gets <c>REFERENCE_TOO_LONG</c>.</summary>
    [Range(0.1, 3600)]
    public double RecommendedMaxSeconds { get; set; } = 10;

    /// <summary>Lowest sample rate accepted, Hz.</summary>
    [Range(1000, 384_000)]
    public int MinSampleRateHz { get; set; } = 8000;

    /// <summary>Highest sample rate accepted, Hz.</summary>
    [Range(1000, 384_000)]
    public int MaxSampleRateHz { get; set; } = 192_000;

    /// <summary>Share of samples at full scale above which a clip gets <c>CLIPPING</c>.</summary>
    [Range(0.0, 1.0)]
    public double MaxClippingRatio { get; set; } = 0.001;

    /// <summary>Estimated SNR below which a clip gets <c>LOW_SNR</c>, dB.</summary>
    [Range(-20.0, 100.0)]
    public double MinSnrDb { get; set; } = 15;

    /// <summary>Speech share of the trimmed clip below which it gets <c>LOW_SPEECH_RATIO</c>.</summary>
    [Range(0.0, 1.0)]
    public double MinSpeechRatio { get; set; } = 0.5;

    /// <summary>Frames quieter than this are never speech, dBFS.</summary>
    [Range(-120.0, 0.0)]
    public double SilenceFloorDbfs { get; set; } = -55;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinSeconds > MaxSeconds)
        {
            yield return new ValidationResult($"MinSeconds ({MinSeconds}) must not exceed MaxSeconds ({MaxSeconds}).", [nameof(MinSeconds), nameof(MaxSeconds)]);
        }

        if (RecommendedMinSeconds > RecommendedMaxSeconds)
        {
            yield return new ValidationResult($"RecommendedMinSeconds ({RecommendedMinSeconds}) must not exceed RecommendedMaxSeconds ({RecommendedMaxSeconds}).", [nameof(RecommendedMinSeconds), nameof(RecommendedMaxSeconds)]);
        }

        if (MinSampleRateHz > MaxSampleRateHz)
        {
            yield return new ValidationResult($"MinSampleRateHz ({MinSampleRateHz}) must not exceed MaxSampleRateHz ({MaxSampleRateHz}).", [nameof(MinSampleRateHz), nameof(MaxSampleRateHz)]);
        }
    }
}

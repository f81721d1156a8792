using System.Globalization;
using Microsoft.Extensions.Options;
using VoiceFleet.Audio;
using VoiceFleet.Audio.Analysis;
using VoiceFleet.Audio.Decoding;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;

namespace VoiceFleet.Encoders.ReferenceAudio;

/// <summary>
/// Turns an <see cref="Audio"/> message into a <see cref="ReferenceClip"/>: decodes it (WAV, headerless
/// PCM16/FLOAT32, MP3, FLAC), refuses what cannot serve as a reference (bad rate, NaN/Inf samples, too
/// long, too little speech) with INVALID_ARGUMENT naming the field and the problem, trims leading and
/// trailing silence and measures the quality report. Outside the recommended range it warns, or in strict
/// mode refuses.
/// </summary>
internal sealed class ReferenceAudioLoader(IOptions<ReferenceAudioOptions> options)
{
    private readonly ReferenceAudioOptions _options = options.Value;

    /// <summary>Decodes and validates <paramref name="audio"/>; <paramref name="field"/> names it in errors and warnings.</summary>
    public ReferenceClip Load(VoiceFleet.Contracts.V1.Audio? audio, string field, bool strict)
    {
        if (audio is null || audio.Data.IsEmpty)
        {
            throw Errors.InvalidArgument(field, "no audio: the clip is empty (zero bytes).");
        }

        return Load(audio.Data.Span, ContainerOf(audio.Format), audio.SampleRateHz, audio.Channels, field, strict);
    }

    /// <summary>Decodes and validates raw bytes (REST uploads, stored voices).</summary>
    public ReferenceClip Load(ReadOnlySpan<byte> bytes, AudioContainer container, int sampleRate, int channels, string field, bool strict)
    {
        if (sampleRate < 0 || channels < 0)
        {
            throw Errors.InvalidArgument(field, $"negative sample rate ({sampleRate}) or channel count ({channels}).");
        }

        DecodedAudio decoded;
        try
        {
            // Twice the accepted length bounds what a compressed file may expand to; the exact check follows.
            var limits = new DecodeLimits { MaxDuration = TimeSpan.FromSeconds(_options.MaxSeconds * 2) };
            decoded = AudioDecoder.Decode(bytes, container, sampleRate, channels, limits);
        }
        catch (AudioFormatException ex)
        {
            throw Errors.InvalidArgument(field, ex.Message);
        }

        return Prepare(decoded, field, strict);
    }

    /// <summary>Validates decoded audio and measures it.</summary>
    public ReferenceClip Prepare(DecodedAudio decoded, string field, bool strict)
    {
        var rate = decoded.SampleRate;
        if (rate < _options.MinSampleRateHz || rate > _options.MaxSampleRateHz)
        {
            throw Errors.InvalidArgument(field, $"sample rate {rate} Hz is outside the accepted {_options.MinSampleRateHz}–{_options.MaxSampleRateHz} Hz.");
        }

        var samples = decoded.Samples;
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                throw Errors.InvalidArgument(field, string.Create(CultureInfo.InvariantCulture, $"sample {i} (at {(double)i / rate:0.000} s) is {(float.IsNaN(samples[i]) ? "NaN" : "infinite")}; audio must be finite."));
            }
        }

        var seconds = (double)samples.Length / rate;
        if (seconds > _options.MaxSeconds)
        {
            throw Errors.InvalidArgument(field, Invariant($"the clip lasts {seconds:0.00} s; at most {_options.MaxSeconds:0.##} s are accepted."));
        }

        var activity = SpeechActivity.Analyse(samples, rate, _options.SilenceFloorDbfs);
        if (!activity.HasSpeech)
        {
            throw Errors.InvalidArgument(field, Invariant($"no speech found: the clip is silent (loudest 20 ms frame {activity.PeakDb:0.0} dBFS)."));
        }

        var (start, end) = activity.SpeechBounds(samples.Length, rate);
        var trimmed = samples.AsSpan(start, end - start).ToArray();
        var trimmedSeconds = (double)trimmed.Length / rate;
        var speechSeconds = Math.Min(trimmedSeconds, activity.SpeechFrames() * SpeechActivity.FrameStep);
        if (trimmedSeconds < _options.MinSeconds)
        {
            throw Errors.InvalidArgument(field, Invariant($"only {trimmedSeconds:0.00} s of speech after trimming silence; at least {_options.MinSeconds:0.##} s are needed."));
        }

        var quality = new AudioQualityReport
        {
            InputSeconds = seconds,
            SpeechSeconds = speechSeconds,
            LeadingSilenceSeconds = (double)start / rate,
            TrailingSilenceSeconds = (double)(samples.Length - end) / rate,
            ClippingRatio = SignalStatistics.ClippingRatio(trimmed),
            SnrDb = Math.Round(activity.SignalToNoiseDb(), 2),
            SpeechRatio = Math.Clamp(speechSeconds / trimmedSeconds, 0, 1),
            SourceSampleRateHz = rate,
            SourceChannels = decoded.Channels,
        };
        var warnings = Assess(quality, field);
        quality.Recommended = warnings.Count == 0;
        if (strict && warnings.Count > 0)
        {
            throw Errors.InvalidArgument(field, $"outside the recommended range (strict): {string.Join("; ", warnings.Select(w => w.Message))}");
        }

        return new ReferenceClip(samples, trimmed, rate, PcmHash.Compute(samples, rate), quality, warnings);
    }

    private List<Warning> Assess(AudioQualityReport quality, string field)
    {
        var warnings = new List<Warning>();
        void Warn(string code, string message) => warnings.Add(new Warning { Code = code, Message = message, Field = field });

        if (quality.SpeechSeconds < _options.RecommendedMinSeconds)
        {
            Warn(WarningCodes.ReferenceTooShort, Invariant($"{quality.SpeechSeconds:0.0} s of speech; {_options.RecommendedMinSeconds:0.#}–{_options.RecommendedMaxSeconds:0.#} s recommended."));
        }
        else if (quality.SpeechSeconds > _options.RecommendedMaxSeconds)
        {
            Warn(WarningCodes.ReferenceTooLong, Invariant($"{quality.SpeechSeconds:0.0} s of speech; {_options.RecommendedMinSeconds:0.#}–{_options.RecommendedMaxSeconds:0.#} s recommended (the rest adds little)."));
        }

        if (quality.ClippingRatio > _options.MaxClippingRatio)
        {
            Warn(WarningCodes.Clipping, Invariant($"{quality.ClippingRatio:P2} of samples are at full scale; at most {_options.MaxClippingRatio:P2} recommended."));
        }

        if (quality.SnrDb < _options.MinSnrDb)
        {
            Warn(WarningCodes.LowSnr, Invariant($"estimated SNR {quality.SnrDb:0.0} dB; at least {_options.MinSnrDb:0.#} dB recommended."));
        }

        if (quality.SpeechRatio < _options.MinSpeechRatio)
        {
            Warn(WarningCodes.LowSpeechRatio, Invariant($"speech fills {quality.SpeechRatio:P0} of the trimmed clip; at least {_options.MinSpeechRatio:P0} recommended."));
        }

        return warnings;
    }

    /// <summary>The decoder container for a contract audio format.</summary>
    public static AudioContainer ContainerOf(AudioFormat format) => format switch
    {
        AudioFormat.WavPcm16 => AudioContainer.Wav,
        AudioFormat.Pcm16 => AudioContainer.Pcm16,
        AudioFormat.Float32 => AudioContainer.PcmFloat,
        AudioFormat.Mp3 => AudioContainer.Mp3,
        AudioFormat.Flac => AudioContainer.Flac,
        _ => AudioContainer.Unknown,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Synthesis.Configuration;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>Checks a request before any work is done; every problem is INVALID_ARGUMENT naming the field.</summary>
internal static class RequestValidator
{
    public const double MinSpeed = 0.5;
    public const double MaxSpeed = 2.0;
    public const double MaxSentenceSilence = 5;
    public const int MinSampleRate = 8000;
    public const int MaxSampleRate = 48000;

    public static void Validate(SynthesizeRequest request, ServingOptions limits)
    {
        string text = request.InputCase switch
        {
            SynthesizeRequest.InputOneofCase.Text => request.Text,
            SynthesizeRequest.InputOneofCase.Ssml => request.Ssml,
            SynthesizeRequest.InputOneofCase.Phonemes => request.Phonemes.Phonemes,
            _ => throw Invalid("text", "the request has no input: set text, ssml or phonemes"),
        };
        var field = request.InputCase switch
        {
            SynthesizeRequest.InputOneofCase.Ssml => "ssml",
            SynthesizeRequest.InputOneofCase.Phonemes => "phonemes.phonemes",
            _ => "text",
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid(field, "is empty");
        }

        if (text.Length > limits.MaxTextChars)
        {
            throw Invalid(field, $"is {text.Length} characters; the limit is {limits.MaxTextChars} (Synthesis:Serving:MaxTextChars)");
        }

        if (request.Speed != 0 && !(request.Speed >= MinSpeed && request.Speed <= MaxSpeed))
        {
            throw Invalid("speed", $"{request.Speed} is outside {MinSpeed}–{MaxSpeed} (0 = 1.0)");
        }

        if (!(Math.Abs(request.PitchShiftSemitones) <= 12))
        {
            throw Invalid("pitch_shift_semitones", $"{request.PitchShiftSemitones} is outside -12–12");
        }

        if (!double.IsFinite(request.TargetDurationSeconds) || request.TargetDurationSeconds < 0)
        {
            throw Invalid("target_duration_seconds", "must be 0 (none) or a positive number of seconds");
        }

        if (request.TargetDurationSeconds > 0 && request.Speed != 0)
        {
            throw Invalid("target_duration_seconds", "cannot be set together with speed: the duration decides the speed");
        }

        if (request.TargetDurationSeconds > limits.MaxOutputSeconds)
        {
            throw Invalid("target_duration_seconds", $"{request.TargetDurationSeconds} s is longer than the {limits.MaxOutputSeconds} s an output may last");
        }

        if (request.HasSentenceSilenceSeconds && !(request.SentenceSilenceSeconds >= 0 && request.SentenceSilenceSeconds <= MaxSentenceSilence))
        {
            throw Invalid("sentence_silence_seconds", $"{request.SentenceSilenceSeconds} is outside 0–{MaxSentenceSilence}");
        }

        if (request.SampleRateHz != 0 && request.SampleRateHz is < MinSampleRate or > MaxSampleRate)
        {
            throw Invalid("sample_rate_hz", $"{request.SampleRateHz} is outside {MinSampleRate}–{MaxSampleRate} (0 = the model's rate)");
        }

        _ = OutputFormat(request.Format);
        if (request.Voice?.Reference?.Audio is { } reference && reference.Data.Length > limits.MaxReferenceAudioBytes)
        {
            throw Invalid("voice.reference.audio", $"is {reference.Data.Length} bytes; the limit is {limits.MaxReferenceAudioBytes} (Synthesis:Serving:MaxReferenceAudioBytes)");
        }
    }

    /// <summary>The output format a request asks for (WAV PCM16 when unset).</summary>
    public static AudioFormat OutputFormat(AudioFormat format) => format switch
    {
        AudioFormat.Unspecified => AudioFormat.WavPcm16,
        AudioFormat.WavPcm16 or AudioFormat.Pcm16 or AudioFormat.Float32 => format,
        AudioFormat.Mp3 or AudioFormat.Flac => throw Invalid("format", $"{format} output is not supported; use WAV_PCM16, PCM16 or FLOAT32"),
        _ => throw Invalid("format", $"unknown format {(int)format}"),
    };

    private static RpcException Invalid(string field, string message) => new(StatusCode.InvalidArgument, $"{field}: {message}");
}

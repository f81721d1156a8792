using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Grpc;
using VoiceFleet.Synthesis.Models;
using VoiceFleet.Synthesis.Output;
using VoiceFleet.Synthesis.Pipeline;

namespace VoiceFleet.Synthesis.Rest;

/// <summary>
/// REST synthesis: <c>POST /v1/tts</c> (VoiceFleet's JSON, audio in the response body) and the OpenAI-compatible
/// <c>POST /v1/audio/speech</c> that existing clients already speak. Both run the same pipeline as gRPC; errors are
/// JSON with the HTTP form of the gRPC status (OpenAI's error shape on its endpoint).
/// </summary>
internal static class SynthesisRestEndpoints
{
    /// <summary>OpenAI's voice names, mapped onto the model's presets in this order (wrapping round).</summary>
    public static readonly string[] OpenAiVoices = ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse"];

    /// <summary>The rate OpenAI's <c>pcm</c> format promises its clients.</summary>
    public const int OpenAiPcmRate = 24_000;

    public static IEndpointRouteBuilder MapSynthesisRest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/tts", context => HandleAsync(context, openAi: false));
        endpoints.MapPost("/v1/audio/speech", context => HandleAsync(context, openAi: true));
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext http, bool openAi)
    {
        var services = http.RequestServices;
        var calls = services.GetRequiredService<SynthesisCalls>();
        var pipeline = services.GetRequiredService<SynthesisPipeline>();
        var serving = services.GetRequiredService<IOptions<ServingOptions>>().Value;
        try
        {
            var body = await ReadBodyAsync(http, serving.MaxRestBodyBytes).ConfigureAwait(false);
            var request = openAi ? FromOpenAi(body, services.GetRequiredService<VoiceModelHost>()) : FromTts(body);
            var context = calls.CreateContext(http.Request.Headers[SynthesisCalls.TrackHeader].ToString(), http.Request.Headers[SynthesisCalls.RequestIdHeader].ToString(), DateTime.MaxValue, request.Strict);
            using var budget = calls.Budget(context, http.RequestAborted);
            var (bytes, outcome) = await calls.RunAsync(context, async () =>
            {
                var samples = new List<float>();
                var outcome = await pipeline.RunAsync(request, context, streaming: false, (segment, _) =>
                {
                    samples.AddRange(segment.Samples);
                    return ValueTask.CompletedTask;
                }, budget.Token).ConfigureAwait(false);
                return (AudioEncoding.Whole(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(samples), outcome.SampleRate, outcome.Format), outcome);
            }, r => r.outcome.Summary, http.RequestAborted).ConfigureAwait(false);

            foreach (var (key, value) in calls.ResponseHeaders())
            {
                http.Response.Headers[key] = value;
            }

            http.Response.Headers["x-voicefleet-seed"] = outcome.Info.Seed.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["x-voicefleet-watermark"] = outcome.Info.Watermark.Embedded ? outcome.Info.Watermark.Payload.ToString("x8", CultureInfo.InvariantCulture) : "none";
            http.Response.Headers["x-voicefleet-real-time-factor"] = outcome.Info.RealTimeFactor.ToString("0.####", CultureInfo.InvariantCulture);
            if (outcome.Info.Warnings.Count > 0)
            {
                http.Response.Headers["x-voicefleet-warnings"] = string.Join(",", outcome.Info.Warnings.Select(w => w.Code).Distinct());
            }

            http.Response.ContentType = outcome.Format switch
            {
                AudioFormat.WavPcm16 => "audio/wav",
                AudioFormat.Float32 => "audio/L32; rate=" + outcome.SampleRate.ToString(CultureInfo.InvariantCulture),
                _ => "audio/L16; rate=" + outcome.SampleRate.ToString(CultureInfo.InvariantCulture) + "; channels=1",
            };
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }
        catch (RestProblem problem)
        {
            await WriteErrorAsync(http, openAi, problem.Status, problem.Code, problem.Message, problem.Param).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            if (ex.StatusCode == StatusCode.ResourceExhausted && ex.Trailers.GetValue(AdmissionGate.RetryPushbackTrailer) is { } retryMs)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(int.Parse(retryMs, CultureInfo.InvariantCulture) / 1000.0)).ToString(CultureInfo.InvariantCulture);
            }

            await WriteErrorAsync(http, openAi, ex.StatusCode.ToHttpStatus(), ex.StatusCode.CanonicalName(), ex.Status.Detail, null).ConfigureAwait(false);
        }
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit)
        {
            throw new RestProblem(StatusCodes.Status413PayloadTooLarge, "RESOURCE_EXHAUSTED", $"the body is {http.Request.ContentLength} bytes; the limit is {limit} (Synthesis:Serving:MaxRestBodyBytes)");
        }

        if (http.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RestProblem(StatusCodes.Status415UnsupportedMediaType, "INVALID_ARGUMENT", $"send application/json, not {type}");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new RestProblem(StatusCodes.Status413PayloadTooLarge, "RESOURCE_EXHAUSTED", $"the body is larger than {limit} bytes (Synthesis:Serving:MaxRestBodyBytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "the body must be a JSON object");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", $"the body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>VoiceFleet's JSON: the fields of <see cref="SynthesizeRequest"/> in snake_case, with flat voice and emotion fields.</summary>
    internal static SynthesizeRequest FromTts(JsonElement body)
    {
        var request = new SynthesizeRequest();
        if (String(body, "text") is { } text)
        {
            request.Text = text;
        }
        else if (String(body, "ssml") is { } ssml)
        {
            request.Ssml = ssml;
        }
        else if (String(body, "phonemes") is { } phonemes)
        {
            request.Phonemes = new PhonemeInput { Phonemes = phonemes, Alphabet = String(body, "alphabet") == "pinyin" ? PhonemeAlphabet.Pinyin : PhonemeAlphabet.Ipa };
        }
        else
        {
            throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "text: set one of text, ssml or phonemes", "text");
        }

        request.Language = String(body, "language") ?? "";
        if (String(body, "reference_audio") is { } referenceAudio)
        {
            byte[] audio;
            try
            {
                audio = Convert.FromBase64String(referenceAudio);
            }
            catch (FormatException)
            {
                throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "reference_audio: not base64", "reference_audio");
            }

            request.Voice = new VoiceSpec { Reference = new ReferenceVoice { Audio = new Contracts.V1.Audio { Data = ByteString.CopyFrom(audio) }, Transcript = String(body, "reference_text") ?? "" } };
        }
        else if (String(body, "voice") is { } voice)
        {
            request.Voice = voice.StartsWith("vc_", StringComparison.Ordinal) ? new VoiceSpec { VoiceId = voice } : new VoiceSpec { PresetSpeaker = voice };
        }

        var emotion = new EmotionSpec();
        if (String(body, "emotion") is { } label)
        {
            emotion.Label = label;
        }
        else if (String(body, "emotion_description") is { } description)
        {
            emotion.Description = description;
        }

        if (Number(body, "strength") is { } strength)
        {
            emotion.Strength = (float)strength;
        }

        if (emotion.SourceCase != EmotionSpec.SourceOneofCase.None || emotion.HasStrength)
        {
            request.Emotion = emotion;
        }

        request.Speed = (float)(Number(body, "speed") ?? 0);
        request.PitchShiftSemitones = (float)(Number(body, "pitch_shift_semitones") ?? 0);
        request.TargetDurationSeconds = Number(body, "target_duration_seconds") ?? 0;
        if (Number(body, "sentence_silence_seconds") is { } silence)
        {
            request.SentenceSilenceSeconds = silence;
        }

        if (body.TryGetProperty("seed", out var seed))
        {
            request.Seed = seed.ValueKind == JsonValueKind.Number && seed.TryGetUInt64(out var value)
                ? value
                : throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", "seed: must be a non-negative integer", "seed");
        }

        request.SampleRateHz = (int)(Number(body, "sample_rate_hz") ?? 0);
        request.Format = (String(body, "format") ?? "wav") switch
        {
            "wav" => AudioFormat.WavPcm16,
            "pcm" or "pcm16" => AudioFormat.Pcm16,
            "float32" => AudioFormat.Float32,
            var other => throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", $"format: '{other}' is not one of wav, pcm16, float32", "format"),
        };
        request.Strict = body.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True;
        return request;
    }

    /// <summary>OpenAI's speech request: <c>model</c>, <c>input</c>, <c>voice</c>, <c>response_format</c>, <c>speed</c>, <c>instructions</c>.</summary>
    internal static SynthesizeRequest FromOpenAi(JsonElement body, VoiceModelHost models)
    {
        var input = String(body, "input");
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new RestProblem(StatusCodes.Status400BadRequest, "invalid_request_error", "input: required and not empty", "input");
        }

        var request = new SynthesizeRequest { Text = input };
        if (String(body, "voice") is { Length: > 0 } voice)
        {
            var openAiIndex = Array.IndexOf(OpenAiVoices, voice.ToLowerInvariant());
            var presets = models.Model.Conditioning.Presets;
            request.Voice = voice.StartsWith("vc_", StringComparison.Ordinal)
                ? new VoiceSpec { VoiceId = voice }
                : new VoiceSpec { PresetSpeaker = openAiIndex >= 0 && presets.Count > 0 && !presets.Contains(voice) ? presets[openAiIndex % presets.Count] : voice };
        }

        if (String(body, "instructions") is { Length: > 0 } instructions)
        {
            request.Emotion = new EmotionSpec { Description = instructions };
        }

        if (Number(body, "speed") is { } speed)
        {
            request.Speed = (float)speed;
        }

        switch (String(body, "response_format") ?? "wav")
        {
            case "wav":
                request.Format = AudioFormat.WavPcm16;
                break;
            case "pcm":
                request.Format = AudioFormat.Pcm16;
                request.SampleRateHz = OpenAiPcmRate;
                break;
            case var other:
                throw new RestProblem(StatusCodes.Status400BadRequest, "invalid_request_error", $"response_format: '{other}' is not supported here; use wav or pcm", "response_format");
        }

        return request;
    }

    private static string? String(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", $"{name}: must be a string", name);
    }

    private static double? Number(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new RestProblem(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", $"{name}: must be a number", name);
    }

    private static async Task WriteErrorAsync(HttpContext http, bool openAi, int status, string code, string message, string? param)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString(openAi ? "message" : "code", openAi ? message : code);
            json.WriteString(openAi ? "type" : "message", openAi ? (status >= 500 ? "server_error" : "invalid_request_error") : message);
            if (openAi)
            {
                json.WriteString("code", code);
                if (param is null)
                {
                    json.WriteNull("param");
                }
                else
                {
                    json.WriteString("param", param);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        await http.Response.Body.WriteAsync(buffer.ToArray(), http.RequestAborted).ConfigureAwait(false);
    }
}

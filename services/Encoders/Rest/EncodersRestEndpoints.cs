using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.TextEmotion;
using VoiceFleet.Encoders.Voices;

namespace VoiceFleet.Encoders.Rest;

/// <summary>
/// The REST face of the Encoders (docs/encoders.md): voices as multipart uploads and JSON, and the
/// description analyzer. Messages are written in the protobuf JSON mapping (camelCase field names,
/// RFC 3339 timestamps), so REST and gRPC clients read the same shapes.
/// </summary>
internal static class EncodersRestEndpoints
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static IEndpointRouteBuilder MapEncodersRest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/voices", context => RestErrors.GuardAsync(context, () => EnrollAsync(context)));
        endpoints.MapGet("/v1/voices", context => RestErrors.GuardAsync(context, () => ListAsync(context)));
        endpoints.MapGet("/v1/voices/{id}", context => RestErrors.GuardAsync(context, () => GetAsync(context)));
        endpoints.MapDelete("/v1/voices/{id}", context => RestErrors.GuardAsync(context, () => DeleteAsync(context)));
        endpoints.MapPost("/v1/emotions/analyze", context => RestErrors.GuardAsync(context, () => AnalyzeAsync(context)));
        return endpoints;
    }

    private static async Task EnrollAsync(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<EncodersOptions>>().Value.MaxUploadBytes;
        if (context.Request.ContentLength > limit + (64 * 1024))
        {
            throw Errors.ResourceExhausted($"the upload has {context.Request.ContentLength} bytes; at most {limit} bytes of audio are accepted.");
        }

        if (!context.Request.HasFormContentType)
        {
            throw Errors.InvalidArgument(string.Empty, "POST /v1/voices takes multipart/form-data with an 'audio' file and the fields name, transcript, consent_speaker, consent_time, consent_evidence_ref.");
        }

        var form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + (64 * 1024), ValueLengthLimit = 64 * 1024 }, context.RequestAborted).ConfigureAwait(false);
        var file = form.Files.GetFile("audio") ?? throw Errors.InvalidArgument("audio", "an 'audio' file part is required.");
        if (file.Length > limit)
        {
            throw Errors.ResourceExhausted($"audio: {file.Length} bytes; at most {limit} are accepted.");
        }

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        var request = new EnrollVoiceRequest
        {
            Name = form["name"].ToString(),
            Transcript = form["transcript"].ToString(),
            Language = form["language"].ToString(),
            Strict = bool.TryParse(form["strict"].ToString(), out var strict) && strict,
            ReferenceAudio = new VoiceFleet.Contracts.V1.Audio
            {
                Data = ByteString.CopyFrom(bytes),
                Format = ParseFormat(form["format"].ToString()),
                SampleRateHz = ParseInt(form["sample_rate_hz"].ToString(), "sample_rate_hz"),
                Channels = ParseInt(form["channels"].ToString(), "channels"),
            },
            Consent = new ConsentRecord
            {
                Speaker = form["consent_speaker"].ToString(),
                EvidenceRef = form["consent_evidence_ref"].ToString(),
                Scope = form["consent_scope"].ToString(),
                ConsentTime = ParseTime(form["consent_time"].ToString()),
            },
        };
        var voices = context.RequestServices.GetRequiredService<VoiceRegistry>();
        var (voice, warnings) = await voices.EnrollAsync(request, Caller(context), context.RequestAborted).ConfigureAwait(false);
        var response = new EnrollVoiceResponse { Voice = voice };
        response.Warnings.AddRange(warnings);
        await WriteAsync(context, StatusCodes.Status201Created, response).ConfigureAwait(false);
    }

    private static async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var voices = context.RequestServices.GetRequiredService<VoiceRegistry>();
        var (list, next) = await voices.ListAsync(ParseInt(query["page_size"].ToString(), "page_size"), query["page_token"].ToString(), context.RequestAborted).ConfigureAwait(false);
        var response = new ListVoicesResponse { NextPageToken = next };
        response.Voices.AddRange(list);
        await WriteAsync(context, StatusCodes.Status200OK, response).ConfigureAwait(false);
    }

    private static async Task GetAsync(HttpContext context)
    {
        var voices = context.RequestServices.GetRequiredService<VoiceRegistry>();
        var request = new GetVoiceRequest
        {
            VoiceId = (string)context.Request.RouteValues["id"]!,
            IncludeEmbedding = bool.TryParse(context.Request.Query["include_embedding"].ToString(), out var embedding) && embedding,
            EncoderVersion = context.Request.Query["encoder_version"].ToString(),
        };
        var voice = await voices.GetAsync(request, Caller(context), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, StatusCodes.Status200OK, new GetVoiceResponse { Voice = voice }).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(HttpContext context)
    {
        var voices = context.RequestServices.GetRequiredService<VoiceRegistry>();
        var (id, removed) = await voices.DeleteAsync((string)context.Request.RouteValues["id"]!, context.Request.Query["reason"].ToString(), Caller(context), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, StatusCodes.Status200OK, new DeleteVoiceResponse { VoiceId = id, RemovedEmbeddings = removed }).ConfigureAwait(false);
    }

    private static async Task AnalyzeAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("description", out var descriptionProperty) || descriptionProperty.ValueKind != JsonValueKind.String)
        {
            throw Errors.InvalidArgument("description", "a JSON object with a string 'description' is required.");
        }

        var strict = root.TryGetProperty("strict", out var strictProperty) && strictProperty.ValueKind == JsonValueKind.True;
        var warnings = new List<Warning>();
        var text = context.RequestServices.GetRequiredService<TextEmotionService>();
        var result = text.Analyze(descriptionProperty.GetString()!, "description", strict, warnings, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteAnalysis(json, result, warnings);
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><c>{"emotion","strength","distribution":{label:p},"engine","cues":[...],"warnings":[...]}</c>.</summary>
    internal static void WriteAnalysis(Utf8JsonWriter json, TextEmotionResult result, IReadOnlyList<Warning> warnings)
    {
        json.WriteStartObject();
        json.WriteString("emotion", result.Emotion);
        json.WriteNumber("strength", Math.Round(result.Strength, 3));
        json.WriteStartObject("distribution");
        for (var i = 0; i < result.Labels.Count; i++)
        {
            json.WriteNumber(result.Labels[i], Math.Round(result.Distribution[i], 4));
        }

        json.WriteEndObject();
        json.WriteString("engine", result.Engine);
        json.WriteStartArray("cues");
        foreach (var cue in result.Cues)
        {
            json.WriteStringValue(cue);
        }

        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in warnings)
        {
            json.WriteStartObject();
            json.WriteString("code", warning.Code);
            json.WriteString("message", warning.Message);
            json.WriteString("field", warning.Field);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static Task WriteAsync(HttpContext context, int status, IMessage message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(Formatter.Format(message), context.RequestAborted);
    }

    private static string Caller(HttpContext context) => CallerIdentity.From(context.Request.Headers[CallerIdentity.Header].ToString());

    private static int ParseInt(string text, string field) =>
        string.IsNullOrEmpty(text) ? 0
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Errors.InvalidArgument(field, $"'{text}' is not an integer.");

    private static Timestamp? ParseTime(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Timestamp.FromDateTimeOffset(time)
            : throw Errors.InvalidArgument("consent_time", $"'{text}' is not a date and time (RFC 3339, e.g. 2026-05-01T12:00:00Z).");
    }

    private static AudioFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "" => AudioFormat.Unspecified,
        "wav" => AudioFormat.WavPcm16,
        "pcm16" => AudioFormat.Pcm16,
        "float32" => AudioFormat.Float32,
        "mp3" => AudioFormat.Mp3,
        "flac" => AudioFormat.Flac,
        _ => throw Errors.InvalidArgument("format", $"'{text}' is not one of wav, pcm16, float32, mp3, flac."),
    };
}

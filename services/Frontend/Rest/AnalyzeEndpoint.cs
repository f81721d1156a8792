using System.Text.Json;
using Google.Protobuf;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Frontend.Analysis;
using VoiceFleet.Frontend.Grpc;
using VoiceFleet.Frontend.Models;
using VoiceFleet.Rpc;

namespace VoiceFleet.Frontend.Rest;

/// <summary>
/// <c>POST /v1/text/analyze</c>: the Analyze call over HTTP/1.1 with JSON, in the protobuf JSON mapping (lowerCamelCase
/// fields; the body is an <c>AnalyzeRequest</c>, the answer an <c>AnalyzeResponse</c>). Errors answer
/// <c>{"error": {"code": "INVALID_ARGUMENT", "message": "…"}}</c> with 400, 404, 429 or 500.
/// </summary>
internal static class AnalyzeEndpoint
{
    /// <summary>The path.</summary>
    public const string Path = "/v1/text/analyze";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static IEndpointRouteBuilder MapAnalyzeEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<FrontendRuntime>();
        var models = context.RequestServices.GetRequiredService<ModelPhonemeMaps>();
        var logger = context.RequestServices.GetRequiredService<ILogger<AnalyzeRequest>>();
        try
        {
            if (context.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                throw new RpcException(StatusCode.InvalidArgument, $"the body must be application/json (an AnalyzeRequest in the protobuf JSON mapping), not {type}");
            }

            var limit = (runtime.Analyzer.Limits.MaxInputChars * runtime.Analyzer.Limits.SsmlMarkupFactor * 4) + 65536;
            if (context.Request.ContentLength > limit)
            {
                throw new RpcException(StatusCode.ResourceExhausted, $"the body has {context.Request.ContentLength} bytes; at most {limit} are accepted");
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (body.Length > limit)
            {
                throw new RpcException(StatusCode.ResourceExhausted, $"the body is longer than {limit} characters");
            }

            AnalyzeRequest request;
            try
            {
                request = Parser.Parse<AnalyzeRequest>(body);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RpcException(StatusCode.InvalidArgument, "the body is not an AnalyzeRequest in JSON: " + ex.Message);
            }
            catch (InvalidJsonException ex)
            {
                throw new RpcException(StatusCode.InvalidArgument, "the body is not valid JSON: " + ex.Message);
            }

            var response = await FrontendErrors.GuardAsync("POST " + Path, logger, () => TextFrontendServiceAnalyze(request, runtime, models, context.RequestAborted)).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(Formatter.Format(response), context.RequestAborted).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            await WriteErrorAsync(context, ex.Status).ConfigureAwait(false);
        }
    }

    private static Task<AnalyzeResponse> TextFrontendServiceAnalyze(AnalyzeRequest request, FrontendRuntime runtime, ModelPhonemeMaps models, CancellationToken cancellationToken) =>
        TextFrontendService.AnalyzeAsync(request, runtime, models, cancellationToken);

    private static async Task WriteErrorAsync(HttpContext context, Status status)
    {
        context.Response.StatusCode = status.StatusCode switch
        {
            StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
            StatusCode.NotFound => StatusCodes.Status404NotFound,
            StatusCode.FailedPrecondition => StatusCodes.Status412PreconditionFailed,
            StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status500InternalServerError,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", CodeName(status.StatusCode));
            json.WriteString("message", status.Detail);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    private static string CodeName(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        _ => "INTERNAL",
    };
}

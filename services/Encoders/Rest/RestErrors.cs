using System.Text.Json;
using VoiceFleet.Rpc;

namespace VoiceFleet.Encoders.Rest;

/// <summary>Errors of the REST endpoints: the gRPC status as an HTTP code and a JSON body <c>{"error":{"code","message"}}</c>.</summary>
internal static class RestErrors
{
    public static int HttpStatus(StatusCode code) => code.ToHttpStatus();

    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).AsTask();
    }

    /// <summary>Runs a handler, turning status errors into their HTTP form.</summary>
    public static async Task GuardAsync(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            await WriteAsync(context, HttpStatus(ex.StatusCode), CodeName(ex.StatusCode), ex.Status.Detail).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "RESOURCE_EXHAUSTED" : "INVALID_ARGUMENT", ex.Message).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", ex.Message).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", $"the body is not valid JSON: {ex.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>UPPER_SNAKE name of a status code, as gRPC spells it.</summary>
    public static string CodeName(StatusCode code) => code.CanonicalName();
}

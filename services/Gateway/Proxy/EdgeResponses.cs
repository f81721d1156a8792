using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using VoiceFleet.Rpc;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>
/// Errors the gateway answers itself: for gRPC a Trailers-Only response (HTTP 200, <c>grpc-status</c> and
/// <c>grpc-message</c> in the only HEADERS frame), for REST a status with
/// <c>{"error": {"code": "...", "message": "..."}}</c> like the services' own REST errors.
/// </summary>
internal static class EdgeResponses
{
    private static readonly string[] CodeNumbers = [.. Enumerable.Range(0, 17).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The canonical name of a <c>grpc-status</c> value, or null when it is not one.</summary>
    public static string? CodeName(string? grpcStatus) =>
        int.TryParse(grpcStatus, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= (int)StatusCode.Unauthenticated
            ? ((StatusCode)code).CanonicalName()
            : null;

    /// <summary>The gRPC code a REST status stands for (the inverse of the services' REST mapping).</summary>
    public static string CodeNameOfHttp(int status) => status switch
    {
        < 400 => "OK",
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        412 => "FAILED_PRECONDITION",
        413 or 429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        502 or 503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        < 500 => "INVALID_ARGUMENT",
        _ => "INTERNAL",
    };

    public static Task WriteAsync(HttpContext context, bool grpc, StatusCode code, int httpStatus, string message, TimeSpan retryAfter = default, string? challenge = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        response.Clear();
        if (retryAfter > TimeSpan.Zero)
        {
            response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (grpc)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = CodeNumbers[(int)code];
            response.Headers["grpc-message"] = PercentEncode(message);
            if (retryAfter > TimeSpan.Zero)
            {
                response.Headers[GatewayHeaders.RetryPushback] = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        }

        response.StatusCode = httpStatus;
        if (challenge is not null)
        {
            response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        }

        response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code.CanonicalName());
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).AsTask();
    }

    /// <summary>gRPC's percent-encoding of <c>grpc-message</c>: printable ASCII except '%' as is, the rest as %XX of UTF-8.</summary>
    internal static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}

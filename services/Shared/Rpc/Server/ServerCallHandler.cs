using System.Globalization;
using Microsoft.AspNetCore.Http;
using VoiceFleet.Rpc.Protocol;

namespace VoiceFleet.Rpc.Server;

/// <summary>
/// Runs one method's calls: checks the request is gRPC over HTTP/2, creates the call context, invokes
/// the handler and ends the call with a status, whatever the handler did.
/// </summary>
public abstract class ServerCallHandler
{
    private protected ServerCallHandler(IMethod method, ServerCallHandlerOptions options)
    {
        Method = method;
        Options = options;
        MethodLabel = options.Metrics.LabelFor(method);
    }

    /// <summary>The method this handler serves.</summary>
    public IMethod Method { get; }

    private protected ServerCallHandlerOptions Options { get; }

    /// <summary>The method's <c>grpc_method</c> label, computed once.</summary>
    private protected string MethodLabel { get; }

    /// <summary>The ASP.NET Core request delegate for this method.</summary>
    public async Task HandleCallAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!ValidateRequest(httpContext))
        {
            return;
        }

        if (Method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming
            || Options.Server.MaxReceiveMessageSize > 16 * 1024 * 1024)
        {
            // gRPC limits each message, not the stream: Kestrel's 30 MB body limit would cut long streams.
            if (httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = null;
            }
        }

        ServerCallContext context;
        try
        {
            context = new ServerCallContext(httpContext, Method, MethodLabel, Options);
        }
        catch (RpcException ex)
        {
            Options.Metrics.ServerCallRejected(MethodLabel, ex.StatusCode);
            WriteTrailersOnly(httpContext, ex.Status);
            return;
        }

        context.Start();
        Status status;
        Metadata? trailers = null;
        try
        {
            await HandleCoreAsync(context).ConfigureAwait(false);
            status = context.Status;
        }
        catch (Exception ex)
        {
            status = context.StatusFromException(ex, out trailers);
        }

        await context.EndAsync(status, trailers).ConfigureAwait(false);
    }

    /// <summary>Runs the method's handler: read requests, call user code, write responses.</summary>
    private protected abstract Task HandleCoreAsync(ServerCallContext context);

    /// <summary>
    /// Reads exactly one request message, as unary and server-streaming calls require. Completes
    /// synchronously when the message and the end of the request are already buffered.
    /// </summary>
    private protected static ValueTask<T> ReadSingleRequestAsync<T>(ServerCallContext context, Google.Protobuf.MessageParser<T> parser)
        where T : class, Google.Protobuf.IMessage<T>
    {
        var first = context.ReadMessageAsync(parser, context.CancellationToken);
        if (!first.IsCompletedSuccessfully)
        {
            return ReadSingleRequestSlowAsync(context, parser, first);
        }

        var request = first.Result ?? throw NoRequest();
        var second = context.ReadMessageAsync(parser, context.CancellationToken);
        if (!second.IsCompletedSuccessfully)
        {
            return ExpectEndAsync(request, second);
        }

        return second.Result is null ? ValueTask.FromResult(request) : throw ExtraRequest();
    }

    private static async ValueTask<T> ReadSingleRequestSlowAsync<T>(ServerCallContext context, Google.Protobuf.MessageParser<T> parser, ValueTask<T?> first)
        where T : class, Google.Protobuf.IMessage<T>
    {
        var request = await first.ConfigureAwait(false) ?? throw NoRequest();
        return await ExpectEndAsync(request, context.ReadMessageAsync(parser, context.CancellationToken)).ConfigureAwait(false);
    }

    private static async ValueTask<T> ExpectEndAsync<T>(T request, ValueTask<T?> next)
        where T : class
        => await next.ConfigureAwait(false) is null ? request : throw ExtraRequest();

    private static RpcException NoRequest() => new(StatusCode.Internal, "The request has no message; this method takes exactly one.");

    private static RpcException ExtraRequest() => new(StatusCode.Internal, "The request has more than one message; this method takes exactly one.");

    /// <summary>Writes an error status as a Trailers-Only response (no message was sent).</summary>
    internal static void WriteTrailersOnly(HttpContext httpContext, Status status, int httpStatus = StatusCodes.Status200OK)
    {
        var response = httpContext.Response;
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }
    }

    /// <summary>Rejects what is not a gRPC request over HTTP/2 with an HTTP status a person can read.</summary>
    internal static bool ValidateRequest(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            WriteTrailersOnly(
                httpContext,
                new Status(StatusCode.Internal, $"Request protocol '{request.Protocol}' is not supported: gRPC needs HTTP/2 (use the h2c port)."),
                StatusCodes.Status426UpgradeRequired);
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            WriteTrailersOnly(
                httpContext,
                new Status(StatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported: gRPC needs '{GrpcProtocol.ContentType}'."),
                StatusCodes.Status415UnsupportedMediaType);
            return false;
        }

        return true;
    }
}

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
    }

    /// <summary>The method this handler serves.</summary>
    public IMethod Method { get; }

    private protected ServerCallHandlerOptions Options { get; }

    /// <summary>The ASP.NET Core request delegate for this method.</summary>
    public async Task HandleCallAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!ValidateRequest(httpContext))
        {
            return;
        }

        ServerCallContext context;
        try
        {
            context = new ServerCallContext(httpContext, Method, Options);
        }
        catch (RpcException ex)
        {
            Options.Metrics.ServerCallRejected(Method, ex.StatusCode);
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

    /// <summary>Reads exactly one request message, as unary and server-streaming calls require.</summary>
    private protected static async Task<T> ReadSingleRequestAsync<T>(ServerCallContext context, Google.Protobuf.MessageParser<T> parser)
        where T : class, Google.Protobuf.IMessage<T>
    {
        var request = await context.ReadMessageAsync(parser, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The request has no message; this method takes exactly one.");
        if (await context.ReadMessageAsync(parser, context.CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The request has more than one message; this method takes exactly one.");
        }

        return request;
    }

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

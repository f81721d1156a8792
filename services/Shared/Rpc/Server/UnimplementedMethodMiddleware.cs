using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VoiceFleet.Rpc.Diagnostics;
using VoiceFleet.Rpc.Protocol;

namespace VoiceFleet.Rpc.Server;

/// <summary>
/// Answers UNIMPLEMENTED (saying whether the service or the method is unknown) to a gRPC request that
/// no endpoint took. It looks only at requests that ended as a plain 404, so routing of real
/// methods pays nothing for it, and REST endpoints are never shadowed.
/// </summary>
internal sealed class UnimplementedMethodMiddleware(RequestDelegate next, GrpcServiceRegistry registry, RpcMetrics metrics, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("VoiceFleet.Rpc.Server");

    public Task InvokeAsync(HttpContext context)
    {
        var pipeline = next(context);
        if (!pipeline.IsCompletedSuccessfully)
        {
            return AwaitThenCheckAsync(pipeline, context);
        }

        AnswerIfUnmatchedGrpc(context);
        return Task.CompletedTask;
    }

    private async Task AwaitThenCheckAsync(Task pipeline, HttpContext context)
    {
        await pipeline.ConfigureAwait(false);
        AnswerIfUnmatchedGrpc(context);
    }

    private void AnswerIfUnmatchedGrpc(HttpContext context)
    {
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status404NotFound
            || response.HasStarted
            || context.GetEndpoint() is not null
            || !HttpMethods.IsPost(context.Request.Method)
            || !GrpcProtocol.IsGrpcContentType(context.Request.ContentType))
        {
            return;
        }

        if (!ServerCallHandler.ValidateRequest(context))
        {
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var parts = path.TrimStart('/').Split('/', 2);
        var detail = parts.Length == 2 && registry.Contains(parts[0])
            ? $"Method '{parts[1]}' of service '{parts[0]}' is unimplemented."
            : $"Service '{parts[0]}' is unimplemented.";
        RpcServerLog.Unimplemented(_logger, path);
        metrics.ServerCallUnimplemented();
        ServerCallHandler.WriteTrailersOnly(context, new Status(StatusCode.Unimplemented, detail));
    }
}

/// <summary>Puts <see cref="UnimplementedMethodMiddleware"/> around the whole pipeline.</summary>
internal sealed class UnimplementedMethodStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<UnimplementedMethodMiddleware>();
        next(app);
    };
}

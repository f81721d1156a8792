using Google.Protobuf;

namespace VoiceFleet.Rpc.Server;

internal sealed class UnaryCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    UnaryServerMethod<TRequest, TResponse> handler,
    ServerCallHandlerOptions options)
    : ServerCallHandler(method, options)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private protected override async Task HandleCoreAsync(ServerCallContext context)
    {
        var request = await ReadSingleRequestAsync(context, method.RequestParser).ConfigureAwait(false);
        var response = await handler(request, context).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The handler returned no response message.");

        // Not flushed: the message and the trailers leave together when the call ends.
        await context.WriteMessageAsync(response, flush: false, context.CancellationToken).ConfigureAwait(false);
    }
}

internal sealed class ServerStreamingCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerStreamingServerMethod<TRequest, TResponse> handler,
    ServerCallHandlerOptions options)
    : ServerCallHandler(method, options)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private protected override async Task HandleCoreAsync(ServerCallContext context)
    {
        var request = await ReadSingleRequestAsync(context, method.RequestParser).ConfigureAwait(false);
        await handler(request, new ResponseStreamWriter<TResponse>(context), context).ConfigureAwait(false);
    }
}

internal sealed class ClientStreamingCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ClientStreamingServerMethod<TRequest, TResponse> handler,
    ServerCallHandlerOptions options)
    : ServerCallHandler(method, options)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private protected override async Task HandleCoreAsync(ServerCallContext context)
    {
        var response = await handler(new RequestStreamReader<TRequest>(context, method.RequestParser), context).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "The handler returned no response message.");
        await context.WriteMessageAsync(response, flush: false, context.CancellationToken).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    DuplexStreamingServerMethod<TRequest, TResponse> handler,
    ServerCallHandlerOptions options)
    : ServerCallHandler(method, options)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private protected override Task HandleCoreAsync(ServerCallContext context) =>
        handler(new RequestStreamReader<TRequest>(context, method.RequestParser), new ResponseStreamWriter<TResponse>(context), context);
}

/// <summary>The request stream a streaming handler reads.</summary>
internal sealed class RequestStreamReader<T>(ServerCallContext context, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("Call MoveNext and check it returned true before reading Current.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == context.CancellationToken)
        {
            _current = await context.ReadMessageAsync(parser, context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
            _current = await context.ReadMessageAsync(parser, linked.Token).ConfigureAwait(false);
        }

        return _current is not null;
    }
}

/// <summary>The response stream a streaming handler writes; every message is flushed at once.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCallContext context) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == context.CancellationToken)
        {
            await context.WriteMessageAsync(message, flush: true, context.CancellationToken).ConfigureAwait(false);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
        await context.WriteMessageAsync(message, flush: true, linked.Token).ConfigureAwait(false);
    }
}

using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Server;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Transport;

/// <summary>
/// A server that closes its connection gracefully while a request is on its way never processed that request: the
/// channel sends it once more on a fresh connection, whatever its retry policy says, and only once.
/// </summary>
public sealed class TransparentRetryTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);
    private static readonly GrpcChannelOptions NoPolicyRetries = new() { Retry = new GrpcRetryOptions { MaxAttempts = 1 } };

    [Fact]
    public async Task Unary_ServerClosesGracefullyBeforeAnswering_SentAgainOnANewConnectionAndSucceeds()
    {
        await using var server = await StartAsync();
        await using var front = new GracefulCloseFront(server.GrpcAddress.Port, turnAway: 1);
        using var channel = GrpcChannel.ForAddress(front.Address, NoPolicyRetries);

        var response = await channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 4 }, CallOptions.WithTimeout(TestTimeout));

        Assert.Equal(4, response.Payload.Body.Length);
        Assert.Equal(2, front.ConnectionCount);
    }

    [Fact]
    public async Task ServerStreaming_ServerClosesGracefullyBeforeAnswering_SentAgainAndStreams()
    {
        await using var server = await StartAsync();
        await using var front = new GracefulCloseFront(server.GrpcAddress.Port, turnAway: 1);
        using var channel = GrpcChannel.ForAddress(front.Address, NoPolicyRetries);

        using var call = channel.AsyncServerStreamingCall(TestService.ServerStream, new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 2 }, new ResponseParameters { Size = 3 } } }, CallOptions.WithTimeout(TestTimeout));
        var received = new List<int>();
        while (await call.ResponseStream.MoveNext())
        {
            received.Add(call.ResponseStream.Current.Payload.Body.Length);
        }

        Assert.Equal([2, 3], received);
    }

    [Fact]
    public async Task Unary_ServerClosesGracefullyTwice_FailsUnavailableAfterOneRetry()
    {
        await using var server = await StartAsync();
        await using var front = new GracefulCloseFront(server.GrpcAddress.Port, turnAway: 5);
        using var channel = GrpcChannel.ForAddress(front.Address, NoPolicyRetries);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 1 }, CallOptions.WithTimeout(TestTimeout)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("closed the stream before answering", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, front.ConnectionCount);
    }

    private static Task<LoopbackServer> StartAsync() =>
        LoopbackServer.StartAsync(services => services.AddSingleton(new TestService()), app => app.MapGrpcService<TestService>());
}

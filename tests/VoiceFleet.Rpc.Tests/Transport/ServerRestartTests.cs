using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Server;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Transport;

/// <summary>
/// A channel whose server goes away and comes back on the same port, as a restarted service does: the calls open at
/// the time fail promptly and the channel's next calls reach the new server (gateways, the CLI and the fleet tests keep
/// one channel per service for their whole life).
/// </summary>
public sealed class ServerRestartTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Unary_ServerStoppedAbruptlyAndStartedOnSamePort_OpenCallFailsAndNextCallSucceeds()
    {
        var first = await StartAsync(0);
        var port = first.GrpcAddress.Port;
        LoopbackServer? second = null;
        using var channel = GrpcChannel.ForAddress(first.GrpcAddress, new GrpcChannelOptions { Retry = new GrpcRetryOptions { MaxAttempts = 1 } });
        try
        {
            await channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 1 });
            using var open = channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest(), new CallOptions(new Metadata { { "x-test-behavior", "sleep" } }));

            await first.StopAbruptlyAsync();
            var ex = await Assert.ThrowsAsync<RpcException>(() => open.ResponseAsync.WaitAsync(TestTimeout));
            second = await StartAsync(port);
            var response = await channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 3 }, CallOptions.WithTimeout(TestTimeout));

            Assert.NotEqual(StatusCode.OK, ex.StatusCode);
            Assert.Equal(3, response.Payload.Body.Length);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ServerStreaming_ServerStoppedGracefullyAndStartedOnSamePort_NextStreamSucceeds()
    {
        var first = await StartAsync(0);
        var port = first.GrpcAddress.Port;
        LoopbackServer? second = null;
        using var channel = GrpcChannel.ForAddress(first.GrpcAddress, new GrpcChannelOptions { Retry = new GrpcRetryOptions { MaxAttempts = 1 } });
        try
        {
            await channel.AsyncUnaryCall(TestService.Unary, new SimpleRequest { ResponseSize = 1 });
            await first.DisposeAsync();
            second = await StartAsync(port);

            using var call = channel.AsyncServerStreamingCall(TestService.ServerStream, new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 5 } } }, CallOptions.WithTimeout(TestTimeout));
            var received = new List<int>();
            while (await call.ResponseStream.MoveNext())
            {
                received.Add(call.ResponseStream.Current.Payload.Body.Length);
            }

            Assert.Equal([5], received);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private static Task<LoopbackServer> StartAsync(int port) =>
        LoopbackServer.StartAsync(services => services.AddSingleton(new TestService()), app => app.MapGrpcService<TestService>(), grpcPort: port);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Server;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Transport;

/// <summary>One loopback server with <see cref="TestService"/> and a channel to it, shared by a test class.</summary>
public sealed class TransportFixture : IAsyncLifetime
{
    private LoopbackServer? _server;

    internal LoopbackServer Server => _server ?? throw new InvalidOperationException("Not started.");

    internal TestService Service { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(
            services => services.AddSingleton(Service),
            app => app.MapGrpcService<TestService>(),
            grpc => grpc.MaxReceiveMessageSize = 1024 * 1024);
        Channel = GrpcChannel.ForAddress(_server.GrpcAddress, new GrpcChannelOptions
        {
            Retry = new GrpcRetryOptions { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(20) },
        });
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Rpc.Tests.Transport;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Interop;

/// <summary>
/// One VoiceFleet server (real Kestrel, h2c on 127.0.0.1) with <see cref="InteropTestService"/> and
/// <see cref="InteropHealthService"/>, shared by a test class. Message limits stay at the 4 MiB
/// default, so oversize_request gets RESOURCE_EXHAUSTED.
/// </summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private LoopbackServer? _server;

    internal LoopbackServer Server => _server ?? throw new InvalidOperationException("The interop server has not started.");

    /// <summary>The h2c port client.py connects to.</summary>
    public int Port => Server.GrpcAddress.Port;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(
            services => services
                .AddSingleton<InteropTestService>()
                .AddSingleton<InteropHealthService>(),
            app =>
            {
                app.MapGrpcService<InteropTestService>();
                app.MapGrpcService<InteropHealthService>();
            },
            grpc =>
            {
                grpc.MaxReceiveMessageSize = 4 * 1024 * 1024;
                grpc.MaxSendMessageSize = 4 * 1024 * 1024;
            });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The real grpcio interop client (tests/interop/client.py) against VoiceFleet's server.</summary>
public sealed class PythonClientToOurServerTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>
{
    public static TheoryData<string> Cases => OurClientToPythonServerTests.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InteropCase_OurServer_PassesPythonClient(string testCase)
    {
        var result = await PythonPeer.RunClientAsync(testCase, fixture.Port);

        Assert.True(result.ExitCode == 0, $"client.py --test_case {testCase} against our server failed: {result}");
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Rpc.Tests.Transport;

/// <summary>A real Kestrel server on 127.0.0.1 with an h2c port for gRPC and an HTTP/1.1 port, stopped on dispose.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _disposed;

    private LoopbackServer(WebApplication app, Uri grpcAddress, Uri http1Address)
    {
        _app = app;
        GrpcAddress = grpcAddress;
        Http1Address = http1Address;
    }

    public Uri GrpcAddress { get; }

    public Uri Http1Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LoopbackServer> StartAsync(
        Action<IServiceCollection> configureServices,
        Action<WebApplication> map,
        Action<GrpcServerOptions>? configureGrpc = null,
        int grpcPort = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddGrpcServer(configureGrpc);
        configureServices(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToArray();
        return new LoopbackServer(app, addresses[0], addresses[1]);
    }

    /// <summary>Stops at once, as near a dying process as in-process gets: open calls are aborted, not drained.</summary>
    public async Task StopAbruptlyAsync()
    {
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync();
        await _app.StopAsync(expired.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}

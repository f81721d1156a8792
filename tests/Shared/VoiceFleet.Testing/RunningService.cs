using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Testing;

/// <summary>
/// A real VoiceFleet service running in this process on loopback ports picked by the OS, built by
/// the service's own <c>XxxApp.Build</c>. Stopped (gracefully) on dispose.
/// </summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private RunningService(WebApplication app, Uri grpcAddress, Uri httpAddress)
    {
        _app = app;
        GrpcAddress = grpcAddress;
        HttpAddress = httpAddress;
        Channel = GrpcChannel.ForAddress(grpcAddress);
    }

    /// <summary>The h2c gRPC address.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The HTTP/1.1 address (REST, /metrics, /healthz, /readyz).</summary>
    public Uri HttpAddress { get; }

    /// <summary>A channel to <see cref="GrpcAddress"/>, disposed with the service.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The service's container.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds with <paramref name="build"/> (given the port-0 arguments plus <paramref name="extraArgs"/>) and starts it.</summary>
    public static async Task<RunningService> StartAsync(Func<string[], WebApplication> build, params string[] extraArgs)
    {
        ArgumentNullException.ThrowIfNull(build);
        string[] args = ["--Service:GrpcPort=0", "--Service:HttpPort=0", "--Service:ShutdownTimeout=00:00:05", "--Logging:LogLevel:Default=Warning", .. extraArgs];
        var app = build(args);
        await app.StartAsync();

        // Service defaults listen on the gRPC port first, then the HTTP port.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a))
            .ToArray();
        return new RunningService(app, addresses[0], addresses[1]);
    }

    /// <summary>Stops the service, draining calls in flight; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

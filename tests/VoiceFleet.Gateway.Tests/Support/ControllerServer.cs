using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Gateway.Tests.Support;

/// <summary>
/// A release controller for tests: real Kestrel on port 0 serving <c>WatchRouting</c> (the current
/// snapshot, then every one published), <c>GetStatus</c>, <c>Pause</c>, and REST <c>/v1/releases</c>.
/// </summary>
internal sealed class ControllerServer : IAsyncDisposable
{
    private readonly RunningService _service;
    private readonly RoutingFeed _feed;
    private int _disposed;

    private ControllerServer(RunningService service, RoutingFeed feed)
    {
        _service = service;
        _feed = feed;
    }

    public Uri GrpcAddress => _service.GrpcAddress;

    public int Watchers => _feed.Watchers;

    public static async Task<ControllerServer> StartAsync(RoutingSnapshot initial, int port = 0)
    {
        var feed = new RoutingFeed(initial);
        var service = await RunningService.StartAsync(args => Build(feed, args), port == 0 ? [] : [$"--Service:GrpcPort={port}"]);
        return new ControllerServer(service, feed);
    }

    /// <summary>A snapshot: stable blue (v1), canary green (v2) at <paramref name="weightBps"/>.</summary>
    public static RoutingSnapshot Snapshot(long revision, int weightBps, Slot stable = Slot.Blue, Slot canary = Slot.Green, string releaseId = "rel-1") => new()
    {
        Revision = revision,
        StableSlot = stable,
        CanarySlot = canary,
        CanaryWeightBps = weightBps,
        ReleaseId = releaseId,
        SlotVersions = { new SlotVersion { Slot = Slot.Blue, ModelVersion = "v1" }, new SlotVersion { Slot = Slot.Green, ModelVersion = "v2" } },
        UpdateTime = Timestamp.FromDateTime(DateTime.UtcNow),
    };

    public void Publish(RoutingSnapshot snapshot) => _feed.Publish(snapshot);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _feed.Complete();
            await _service.DisposeAsync();
        }
    }

    private static WebApplication Build(RoutingFeed feed, string[] args)
    {
        var builder = ServiceHost.CreateBuilder("release-controller", args);
        builder.Services.AddSingleton(feed);
        builder.Services.AddSingleton<TestReleaseControl>();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<TestReleaseControl>();
        app.MapGet("/v1/releases", (HttpContext context) => Results.Json(new { releases = Array.Empty<string>(), caller = context.Request.Headers["x-voicefleet-caller"].ToString() }));
        app.MapPost("/v1/releases", () => Results.Json(new { started = true }));
        app.MapMethods("/console/{**rest}", ["GET", "POST"], (HttpContext context) => Results.Json(new
        {
            caller = context.Request.Headers["x-voicefleet-caller"].ToString(),
            roles = context.Request.Headers["x-voicefleet-roles"].ToString(),
        }));
        return app;
    }
}

/// <summary>The routing the test controller publishes, fanned out to every watcher.</summary>
internal sealed class RoutingFeed(RoutingSnapshot initial)
{
    private readonly Lock _lock = new();
    private readonly List<Channel<RoutingSnapshot>> _watchers = [];
    private RoutingSnapshot _current = initial;

    public int Watchers
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    public Channel<RoutingSnapshot> Subscribe()
    {
        var channel = Channel.CreateUnbounded<RoutingSnapshot>();
        lock (_lock)
        {
            channel.Writer.TryWrite(_current);
            _watchers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<RoutingSnapshot> channel)
    {
        lock (_lock)
        {
            _watchers.Remove(channel);
        }
    }

    public void Publish(RoutingSnapshot snapshot)
    {
        lock (_lock)
        {
            _current = snapshot;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }
        }
    }

    public void Complete()
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }
        }
    }
}

internal sealed class TestReleaseControl(RoutingFeed feed) : ReleaseControlServiceBase
{
    public override async Task WatchRouting(WatchRoutingRequest request, IServerStreamWriter<WatchRoutingResponse> responseStream, ServerCallContext context)
    {
        var channel = feed.Subscribe();
        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(new WatchRoutingResponse { Routing = snapshot }, context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway went away.
        }
        finally
        {
            feed.Unsubscribe(channel);
        }
    }

    public override Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context) =>
        Task.FromResult(new GetStatusResponse());

    public override Task<PauseResponse> Pause(PauseRequest request, ServerCallContext context) =>
        Task.FromResult(new PauseResponse());
}

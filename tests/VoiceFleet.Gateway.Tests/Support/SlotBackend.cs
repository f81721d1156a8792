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
/// A synthesis slot for tests: real Kestrel on port 0 with the service defaults (health included),
/// answering Synthesize and SynthesizeStream with its slot and version, and echoing in trailers the
/// gateway-owned headers it received. REST <c>/v1/tts</c> echoes the same as JSON.
/// </summary>
internal sealed class SlotBackend : IAsyncDisposable
{
    private readonly RunningService _service;
    private int _disposed;

    private SlotBackend(RunningService service, SlotCounters counters)
    {
        _service = service;
        Counters = counters;
    }

    public Uri GrpcAddress => _service.GrpcAddress;

    public SlotCounters Counters { get; }

    public static async Task<SlotBackend> StartAsync(Slot slot, string version)
    {
        var counters = new SlotCounters(slot, version);
        var service = await RunningService.StartAsync(args => Build(counters, args));
        return new SlotBackend(service, counters);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _service.DisposeAsync();
        }
    }

    private static WebApplication Build(SlotCounters counters, string[] args)
    {
        var builder = ServiceHost.CreateBuilder("synthesis", args);
        builder.Services.AddSingleton(counters);
        builder.Services.AddSingleton<EchoSynthesisService>();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<EchoSynthesisService>();
        app.MapPost("/v1/tts", async (HttpContext context) =>
        {
            counters.Increment();
            var h = context.Request.Headers;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string?>
            {
                ["slot"] = counters.SlotName,
                ["track"] = h["x-voicefleet-track"],
                ["caller"] = h["x-voicefleet-caller"],
                ["role"] = h["x-voicefleet-role"],
            });
        });
        return app;
    }
}

/// <summary>How many requests a slot served.</summary>
internal sealed class SlotCounters(Slot slot, string version)
{
    private int _requests;

    public Slot Slot { get; } = slot;

    public string Version { get; } = version;

    public string SlotName => Slot == Slot.Blue ? "blue" : "green";

    public int Requests => Volatile.Read(ref _requests);

    public void Increment() => Interlocked.Increment(ref _requests);
}

internal sealed class EchoSynthesisService(SlotCounters counters) : SynthesisServiceBase
{
    public override async Task<SynthesizeResponse> Synthesize(SynthesizeRequest request, ServerCallContext context)
    {
        counters.Increment();
        await Echo(context);
        return new SynthesizeResponse { AudioSeconds = 1, Info = Info(context) };
    }

    public override async Task SynthesizeStream(SynthesizeRequest request, IServerStreamWriter<SynthesizeStreamResponse> responseStream, ServerCallContext context)
    {
        counters.Increment();
        await Echo(context);
        for (uint i = 0; i < 3; i++)
        {
            await responseStream.WriteAsync(new SynthesizeStreamResponse { Chunk = new AudioChunk { Sequence = i, Text = request.Text } }, context.CancellationToken);
        }

        await responseStream.WriteAsync(new SynthesizeStreamResponse { Summary = new SynthesisSummary { Info = Info(context), ChunkCount = 3 } }, context.CancellationToken);
    }

    private SynthesisInfo Info(ServerCallContext context) => new()
    {
        ModelVersion = counters.Version,
        Slot = counters.Slot,
        Track = context.RequestHeaders.GetValue("x-voicefleet-track") switch
        {
            "stable" => Track.Stable,
            "canary" => Track.Canary,
            _ => Track.Unspecified,
        },
    };

    private async Task Echo(ServerCallContext context)
    {
        var headers = context.RequestHeaders;
        foreach (var name in (string[])["x-voicefleet-caller", "x-voicefleet-role", "x-voicefleet-model-version", "x-user-id", "authorization", "x-api-key"])
        {
            context.ResponseTrailers.Add("echo-" + name, headers.GetValue(name) ?? "(none)");
        }

        await context.WriteResponseHeadersAsync(new Metadata { { "x-voicefleet-model-version", counters.Version } });
    }
}

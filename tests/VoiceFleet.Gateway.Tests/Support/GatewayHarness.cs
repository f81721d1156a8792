using System.Net;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Routing;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;

namespace VoiceFleet.Gateway.Tests.Support;

/// <summary>
/// A real gateway in front of real backends on loopback: two synthesis slots, the frontend/encoders
/// stand-in and a release controller whose routing the test publishes. Everything stops on dispose.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private readonly List<string> _extraArgs;

    private GatewayHarness(string directory, SlotBackend blue, SlotBackend green, MiscBackend misc, ControllerServer controller, List<string> extraArgs)
    {
        Directory = directory;
        Blue = blue;
        Green = green;
        Misc = misc;
        Controller = controller;
        _extraArgs = extraArgs;
        Keys = new TestKeys(System.IO.Path.Combine(directory, "keys.json"));
        Http = new HttpClient();
    }

    public string Directory { get; }

    public SlotBackend Blue { get; }

    public SlotBackend Green { get; }

    public MiscBackend Misc { get; }

    public ControllerServer Controller { get; }

    public TestKeys Keys { get; }

    public RunningService Gateway { get; private set; } = null!;

    public HttpClient Http { get; }

    public string StatePath => System.IO.Path.Combine(Directory, "routing.json");

    public SynthesisClient Synthesis => new(Gateway.Channel);

    public RoutingState Routing => (RoutingState)Gateway.Services.GetService(typeof(RoutingState))!;

    public static async Task<GatewayHarness> StartAsync(int canaryWeightBps = 0, params string[] extraArgs)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vf-gateway-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var blue = await SlotBackend.StartAsync(Slot.Blue, "v1");
        var green = await SlotBackend.StartAsync(Slot.Green, "v2");
        var misc = await MiscBackend.StartAsync();
        var controller = await ControllerServer.StartAsync(ControllerServer.Snapshot(1, canaryWeightBps));
        var harness = new GatewayHarness(directory, blue, green, misc, controller, [.. extraArgs]);
        harness.Gateway = await harness.StartGatewayAsync(harness.Controller.GrpcAddress);
        await harness.WaitForRevisionAsync(1);
        return harness;
    }

    /// <summary>Starts a gateway on this harness's backends and state file, watching <paramref name="controller"/>.</summary>
    public Task<RunningService> StartGatewayAsync(Uri controller) => RunningService.StartAsync(GatewayApp.Build,
    [
        $"--Gateway:Backends:Frontend={Misc.GrpcAddress}",
        $"--Gateway:Backends:Encoders={Misc.GrpcAddress}",
        $"--Gateway:Backends:ReleaseController={controller}",
        $"--Gateway:Slots:Blue={Blue.GrpcAddress}",
        $"--Gateway:Slots:Green={Green.GrpcAddress}",
        $"--Gateway:Routing:StatePath={StatePath}",
        "--Gateway:Routing:GatewayId=test-gateway",
        "--Gateway:Routing:WatchRetryInitial=00:00:00.050",
        "--Gateway:Routing:WatchRetryMax=00:00:00.200",
        $"--Gateway:Auth:KeysFile={Keys.Path}",
        "--Gateway:Auth:ReloadInterval=00:00:00.050",
        "--Gateway:RateLimits:RequestsPerSecond=1000000",
        "--Gateway:RateLimits:Burst=1000000",
        "--Gateway:HealthChecks:Interval=00:00:00.100",
        "--Gateway:HealthChecks:Timeout=00:00:02",
        "--Gateway:HealthChecks:UnhealthyThreshold=1",
        .. _extraArgs,
    ]);

    public async Task RestartGatewayAsync(Uri controller)
    {
        await Gateway.DisposeAsync();
        Gateway = await StartGatewayAsync(controller);
    }

    public async Task WaitForRevisionAsync(long revision)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Routing.Current.Revision != revision)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Publishes a weight (next revision) and waits until the gateway has it in force.</summary>
    public async Task SetWeightAsync(long revision, int weightBps)
    {
        Controller.Publish(ControllerServer.Snapshot(revision, weightBps));
        await WaitForRevisionAsync(revision);
    }

    public static CallOptions As(string? key, string? user = null, string? track = null, params (string Key, string Value)[] more)
    {
        var headers = new Metadata();
        if (key is not null)
        {
            headers.Add("authorization", "Bearer " + key);
        }

        if (user is not null)
        {
            headers.Add("x-user-id", user);
        }

        if (track is not null)
        {
            headers.Add("x-voicefleet-track", track);
        }

        foreach (var (k, v) in more)
        {
            headers.Add(k, v);
        }

        return new CallOptions(headers, DateTime.UtcNow.AddSeconds(10));
    }

    public HttpRequestMessage Rest(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Gateway.HttpAddress, path)) { Content = content };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", "Bearer " + key);
        }

        return request;
    }

    public async Task<string> MetricsAsync()
    {
        using var response = await Http.GetAsync(new Uri(Gateway.HttpAddress, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        await Controller.DisposeAsync();
        await Blue.DisposeAsync();
        await Green.DisposeAsync();
        await Misc.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

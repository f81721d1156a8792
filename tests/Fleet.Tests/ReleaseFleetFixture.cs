using System.Globalization;
using System.Text.RegularExpressions;
using VoiceFleet.Cli.Commands;
using VoiceFleet.Cli.Demo;
using VoiceFleet.Cli.Fleet;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Fleet.Tests;

/// <summary>
/// One fleet for the release scenarios: every service a real process on loopback (blue v21, green v23) with its own
/// model store and data directory, synthetic users sending requests through the gateway the whole time, and helpers
/// to put a version on the idle slot (restarting its synthesis process) and to run a release to its end.
/// The store also holds <c>forge-voice/v-broken</c>: v23 whose ONNX file was damaged after publishing, so a slot
/// configured with it cannot load its model and answers FAILED_PRECONDITION to every request.
/// </summary>
public sealed class ReleaseFleetFixture : IAsyncLifetime, IDisposable
{
    public const string BrokenVersion = "v-broken";

    private static readonly int[] Offsets = [0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 51];

    private readonly string _root = Path.Join(Path.GetTempPath(), $"voicefleet-release-fleet-{Guid.NewGuid():N}");
    private StreamWriter? _logFile;
    private TextWriter? _log;
    private GrpcChannel? _controllerChannel;

    internal FleetRunner Fleet { get; private set; } = null!;

    internal TrafficDriver Traffic { get; private set; } = null!;

    internal ReleaseControlClient Controller { get; private set; } = null!;

    internal FleetPlan Plan { get; private set; } = null!;

    public string LogPath => Path.Join(_root, "fleet.log");

    public async Task InitializeAsync()
    {
        var models = Path.Join(_root, "models");
        var data = Path.Join(_root, "data");
        Directory.CreateDirectory(data);
        var (exit, output, errors) = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "models", "forge", models);
        Assert.True(exit == 0, $"models forge exited {exit}: {output} {errors}");
        BreakCopyOf(Path.Join(models, "forge-voice", "v23"), Path.Join(models, "forge-voice", BrokenVersion));

        var key = await KeysCommand.EnsureLocalAdminKeyAsync(data, CancellationToken.None);
        Plan = FleetPlan.Create("blue=v21,green=v23", null, FreePorts.FindBase(Offsets), new FleetStorage(models, data));
        _logFile = new StreamWriter(LogPath) { AutoFlush = true };
        _log = TextWriter.Synchronized(_logFile);
        Fleet = new FleetRunner(Plan, ServiceBinaries.Discover(null), TextWriter.Null, _log, TimeProvider.System);
        var failure = await Fleet.StartAsync(TimeSpan.FromSeconds(120), CancellationToken.None);
        Assert.True(failure is null, failure);
        await WarmAsync("synthesis-blue");
        await WarmAsync("synthesis-green");

        _controllerChannel = GrpcChannel.ForAddress(Fleet.Member("release-controller").GrpcAddress, new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(60) });
        Controller = new ReleaseControlClient(_controllerChannel);
        Traffic = new TrafficDriver(Plan.Gateway.GrpcAddress, key, TrafficText.Load(RepoPaths.Combine("tests", "data", "eval", "golden.jsonl")), clients: 4, users: 1000, maxRequestsPerSecond: 30, TimeProvider.System);
        Traffic.Start(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (Traffic is not null)
        {
            await Traffic.DisposeAsync();
        }

        if (Fleet is not null)
        {
            await Fleet.DisposeAsync();
        }

        _controllerChannel?.Dispose();
        _log?.Dispose();
        if (_logFile is not null)
        {
            await _logFile.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary directory.
        }
    }

    public void Dispose()
    {
        _controllerChannel?.Dispose();
        _log?.Dispose();
        _logFile?.Dispose();
    }

    /// <summary>The stable and the idle slot, from the controller's routing.</summary>
    internal async Task<(Slot Stable, Slot Idle)> SlotsAsync()
    {
        var status = await Controller.GetStatusAsync(new GetStatusRequest());
        var stable = status.Routing.StableSlot;
        return (stable, stable == Slot.Blue ? Slot.Green : Slot.Blue);
    }

    /// <summary>Restarts the idle slot's synthesis process serving <paramref name="version"/>; returns the slot.</summary>
    internal async Task<Slot> PutOnIdleSlotAsync(string version)
    {
        var (_, idle) = await SlotsAsync();
        var name = "synthesis-" + ReleaseText.Slot(idle);
        var failure = await Fleet.RestartAsync(name, new Dictionary<string, string> { ["Synthesis:ModelVersion"] = version }, TimeSpan.FromSeconds(90), CancellationToken.None);
        Assert.True(failure is null, failure);
        await WarmAsync(name);
        return idle;
    }

    /// <summary>Starts a release and follows it to its end.</summary>
    internal async Task<Release> RunReleaseAsync(string version, Slot slot, ReleasePlan plan, Action<WatchReleaseResponse>? onChange = null, TimeSpan? timeout = null)
    {
        var started = await Controller.StartReleaseAsync(new StartReleaseRequest { ModelVersion = version, CanarySlot = slot, Plan = plan, Actor = "fleet-tests", Reason = "fleet test" });
        try
        {
            return await ReleaseFollower.FollowAsync(Controller, started.Release.ReleaseId, onChange ?? (_ => { }), timeout ?? TimeSpan.FromMinutes(4), TimeProvider.System, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // Leave the fleet without an active release for the next scenario.
            await Controller.AbortAsync(new AbortRequest { ReleaseId = started.Release.ReleaseId, Actor = "fleet-tests", Reason = "the test gave up waiting" });
            throw;
        }
    }

    /// <summary>The gateway's value of a metric without labels, from its /metrics.</summary>
    internal async Task<double> GatewayGaugeAsync(string name)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Plan.Gateway.HttpUrl + "/metrics"));
        var match = Regex.Match(text, "^" + Regex.Escape(name) + @"(\{[^}]*\})? (\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} not in the gateway's metrics");
        return double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    // A copy of a bundle whose ONNX file was damaged after it was published: the manifest still lists it with its hash.
    private static void BreakCopyOf(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Join(target, Path.GetFileName(file)));
        }

        var manifest = Path.Join(target, "model.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"version\": \"v23\"", $"\"version\": \"{BrokenVersion}\"", StringComparison.Ordinal));
        var onnx = Path.Join(target, "model.onnx");
        var bytes = File.ReadAllBytes(onnx);
        File.WriteAllBytes(onnx, bytes[..(bytes.Length / 2)]);
    }

    private async Task WarmAsync(string member)
    {
        using var channel = GrpcChannel.ForAddress(Fleet.Member(member).GrpcAddress, new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(30), Retry = new GrpcRetryOptions { MaxAttempts = 1 } });
        var client = new SynthesisClient(channel);
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await client.SynthesizeAsync(new SynthesizeRequest { Text = "Warming up the slot.", Emotion = new EmotionSpec { Label = "neutral" } }).ResponseAsync;
            }
            catch (RpcException)
            {
                return;
            }
        }
    }
}

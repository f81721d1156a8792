using System.Diagnostics;
using System.Globalization;
using System.Text;
using VoiceFleet.Cli.Demo;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Fleet.Tests;

/// <summary>
/// The local fleet as users run it (<c>voicefleet up</c>, blue v21 stable, green v23 idle) watched by Debian's Prometheus
/// (deploy/local/prometheus.sh, 1 s scrapes, the repository's rules), with the release controller pointed at that
/// Prometheus through the environment the CLI passes on to its services. Synthetic users send requests through the
/// gateway the whole time, a few streaming and refused calls fill the families unary traffic leaves empty, and one
/// short release of v23 on green runs to its end, so the gateway, synthesis and release families all have series.
/// Everything it starts is stopped in <see cref="DisposeAsync"/>.
/// </summary>
public sealed class PrometheusFleetFixture : IAsyncLifetime
{
    /// <summary>The setting the controller reads its analysis source from, as an environment variable.</summary>
    public const string PrometheusUrlVariable = "VOICEFLEET__ReleaseController__Analysis__PrometheusUrl";

    private static readonly int[] Offsets = [0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 51];

    private readonly string _root = Path.Join(Path.GetTempPath(), $"voicefleet-prometheus-fleet-{Guid.NewGuid():N}");
    private readonly StringBuilder _fleetLog = new();
    private Process? _fleet;
    private GrpcChannel? _controllerChannel;

    public int PortBase { get; private set; }

    internal PrometheusServer Prometheus { get; private set; } = null!;

    internal ReleaseControlClient Controller { get; private set; } = null!;

    /// <summary>The release of v23 on green, as it ended; null when it did not end in time (see <see cref="ReleaseProblem"/>).</summary>
    internal Release? Release { get; private set; }

    internal string? ReleaseProblem { get; private set; }

    /// <summary>The synthetic users (stopped in <see cref="DisposeAsync"/>).</summary>
    private TrafficDriver? Users { get; set; }

    /// <summary>
    /// Every service's /metrics while the release was at its last step (families such as the release phase have series
    /// only while a release is active); empty when that snapshot failed.
    /// </summary>
    internal IReadOnlyList<string> ExpositionsDuringRelease { get; private set; } = [];

    /// <summary>Requests the synthetic users sent before the release ended.</summary>
    internal IReadOnlyList<TrafficRecord> Traffic { get; private set; } = [];

    /// <summary>How long starting everything and running the release took, for the test output.</summary>
    internal TimeSpan SetupTime { get; private set; }

    /// <summary>The loopback URL of one of the fleet's ports (gRPC at offsets 0, 10, ... 50; HTTP at 1, 11, ... 51).</summary>
    public Uri Loopback(int offset) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{PortBase + offset}"));

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        SetupTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (Users is not null)
        {
            await Users.DisposeAsync();
            Users = null;
        }

        _controllerChannel?.Dispose();
        if (_fleet is not null)
        {
            await StopFleetAsync(_fleet);
            _fleet.Dispose();
            _fleet = null;
        }

        if (Prometheus is not null)
        {
            await Prometheus.StopAsync();
            Prometheus.Dispose();
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

    /// <summary>The last lines the fleet wrote, for failure messages.</summary>
    public string FleetLogTail(int lines = 40)
    {
        lock (_fleetLog)
        {
            return string.Join('\n', _fleetLog.ToString().Split('\n').TakeLast(lines));
        }
    }

    private async Task StartAsync()
    {
        PortBase = FreePorts.FindBase(Offsets);
        var prometheusPort = FreePort(avoid: (PortBase, PortBase + 60));
        Directory.CreateDirectory(_root);
        Prometheus = await PrometheusServer.StartAsync(Path.Join(_root, "prometheus"), prometheusPort, PortBase, "1s");

        // The CLI's children inherit its environment; `up` sets no analysis source of its own, so this one reaches the controller.
        var data = Path.Join(_root, "data");
        _fleet = StartCli(
            new Dictionary<string, string> { [PrometheusUrlVariable] = Prometheus.Url.ToString().TrimEnd('/') },
            "up", "--port-base", PortBase.ToString(CultureInfo.InvariantCulture), "--data", data, "--startup-timeout", "150");
        _fleet.ErrorDataReceived += (_, e) =>
        {
            lock (_fleetLog)
            {
                _fleetLog.AppendLine(e.Data);
            }
        };
        _fleet.BeginErrorReadLine();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(170)))
        {
            var ready = await _fleet.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.True(ready is not null && ready.StartsWith("ready ", StringComparison.Ordinal), $"voicefleet up printed no ready line ({ready}):\n{FleetLogTail()}");
        }

        _ = _fleet.StandardOutput.ReadToEndAsync();

        var key = (await File.ReadAllTextAsync(Path.Join(data, "gateway", "local-admin.key"))).Trim();
        var gateway = Loopback(0);
        await WarmGreenAsync();

        // Many users (x-user-id) through the gateway with the local admin key, at a pace two shared cores keep up with.
        Users = new TrafficDriver(gateway, key, TrafficText.Load(RepoPaths.Combine("tests", "data", "eval", "golden.jsonl")), clients: 3, users: 500, maxRequestsPerSecond: 8, TimeProvider.System);
        Users.Start(CancellationToken.None);
        await ExtraCallsAsync(gateway, key);
        await WaitAsync(() => Task.FromResult(Users.Count >= 12), TimeSpan.FromSeconds(60), "12 requests through the gateway");

        _controllerChannel = GrpcChannel.ForAddress(Loopback(50), new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(60) });
        Controller = new ReleaseControlClient(_controllerChannel);
        try
        {
            var plan = ForgedVoicePlans.Create([5000, 10000], TimeSpan.FromSeconds(8), skipPreRollout: true, maxP95RtfRatio: ForgedVoicePlans.HealthyMaxP95RtfRatio);
            var started = await Controller.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = plan, Actor = "fleet-tests", Reason = "PromQL analysis" });
            Task<string[]>? snapshot = null;
            Release = await ReleaseFollower.FollowAsync(Controller, started.Release.ReleaseId, change =>
            {
                if (snapshot is null && change.Release.Phase == ReleasePhase.Progressing && change.Release.CanaryWeightBps == 10000)
                {
                    snapshot = ScrapeAllAsync();
                }
            }, TimeSpan.FromSeconds(100), TimeProvider.System, CancellationToken.None);
            ExpositionsDuringRelease = snapshot is null ? [] : await snapshot;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or HttpRequestException)
        {
            ReleaseProblem = ex.ToString();
        }

        Traffic = Users.Records;
    }

    /// <summary>The /metrics of every service of the fleet, now.</summary>
    internal async Task<string[]> ScrapeAllAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        return await Task.WhenAll(new[] { 1, 11, 21, 31, 41, 51 }.Select(offset => http.GetStringAsync(new Uri(Loopback(offset), "metrics"))));
    }

    // The first ONNX runs of a slot are slow; the canary's first window should not measure them.
    private async Task WarmGreenAsync()
    {
        using var channel = GrpcChannel.ForAddress(Loopback(40), new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(60), Retry = new GrpcRetryOptions { MaxAttempts = 1 } });
        var client = new SynthesisClient(channel);
        for (var i = 0; i < 2; i++)
        {
            await client.SynthesizeAsync(new SynthesizeRequest { Text = "Warming up the slot.", Emotion = new EmotionSpec { Label = "neutral" } }).ResponseAsync;
        }
    }

    // Streaming calls (first-audio family) and a call without a key (the gateway's rejections) through the gateway.
    private static async Task ExtraCallsAsync(Uri gateway, string key)
    {
        using var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(60), Retry = new GrpcRetryOptions { MaxAttempts = 1 } });
        var client = new SynthesisClient(channel);
        for (var i = 0; i < 2; i++)
        {
            var headers = new Metadata { { "authorization", "Bearer " + key }, { "x-user-id", $"stream-user-{i}" } };
            using var call = client.SynthesizeStream(new SynthesizeRequest { Text = "Streaming through the gateway. Sentence by sentence.", Emotion = new EmotionSpec { Label = "happy" } }, new CallOptions(headers));
            var chunks = 0;
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                chunks++;
            }

            Assert.True(chunks > 0, "the streaming call returned nothing");
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.SynthesizeAsync(new SynthesizeRequest { Text = "No key." }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static int FreePort((int From, int To) avoid)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreePorts.FindBase([0]) + 9;
            if ((port < avoid.From || port >= avoid.To) && FreePorts.IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free loopback port for Prometheus");
    }

    // The built CLI (as CliProcess starts it) with extra environment variables.
    private static Process StartCli(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var cli = RepoPaths.Combine(".artifacts", "bin", "VoiceFleet.Cli", configuration, "voicefleet.dll");
        Assert.True(File.Exists(cli), $"The CLI is not built at {cli}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("voicefleet did not start.");
    }

    // Ctrl-C, as a user stops `voicefleet up`; killed with its children only if it does not stop in time.
    private static async Task StopFleetAsync(Process fleet)
    {
        if (fleet.HasExited)
        {
            return;
        }

        ProcessSignals.Send(fleet.Id, ProcessSignals.Interrupt);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            await fleet.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            fleet.Kill(entireProcessTree: true);
            await fleet.WaitForExitAsync(CancellationToken.None);
        }
    }
}

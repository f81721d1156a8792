using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders;
using VoiceFleet.Frontend;
using VoiceFleet.Gateway;
using VoiceFleet.ModelForge;
using VoiceFleet.ReleaseController.Tests.Support;
using VoiceFleet.Synthesis;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Console;

/// <summary>
/// The fleet the console's browser tests use, all real and in this process on loopback: forged models, the Frontend,
/// the Encoders, two Synthesis slots (blue v21, green v23), the release controller (manual clock, scripted window
/// metrics) and the gateway in front with three API keys; plus headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class ConsoleFleet : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("voicefleet-console-").FullName;
    private readonly List<IAsyncDisposable> _running = [];

    public ManualTimeProvider Clock { get; } = new();

    public RunningService Controller { get; private set; } = null!;

    public RunningService Gateway { get; private set; } = null!;

    public ReleaseControlClient Releases => new(Controller.Channel);

    public string AdminKey { get; } = NewKey();

    public string ViewerKey { get; } = NewKey();

    public string ListenerKey { get; } = NewKey();

    public string ArtifactsDirectory => Path.Join(_directory, "artifacts");

    /// <summary>The pre-rollout evaluation run of the first release (made at start).</summary>
    public EvaluationRun Run { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: .artifacts/test-results/console/ under the repository.</summary>
    public string Screenshots { get; } = Path.Join(RepoPaths.Root, ".artifacts", "test-results", "console");

    public async Task InitializeAsync()
    {
        var models = Path.Join(_directory, "models");
        new Forge().Run(models);
        var frontend = await Start(FrontendApp.Build, $"--Frontend:ModelStoreRoot={models}");
        var encoders = await Start(EncodersApp.Build, $"--Encoders:ModelStoreRoot={models}", $"--Encoders:Storage:SqlitePath={Path.Join(_directory, "encoders.db")}");
        string[] upstreams = [$"--Synthesis:ModelStoreRoot={models}", $"--Synthesis:FrontendUrl={frontend.GrpcAddress}", $"--Synthesis:EncodersUrl={encoders.GrpcAddress}"];
        var blue = await Start(SynthesisApp.Build, [.. upstreams, "--Synthesis:Slot=blue", "--Synthesis:ModelVersion=v21"]);
        var green = await Start(SynthesisApp.Build, [.. upstreams, "--Synthesis:Slot=green", "--Synthesis:ModelVersion=v23"]);
        Controller = await ControllerHost.StartAsync(
            Path.Join(_directory, "controller.db"),
            Clock,
            new ScriptedMetrics(),
            $"--ReleaseController:Slots:Blue:GrpcUrl={blue.GrpcAddress}",
            $"--ReleaseController:Slots:Green:GrpcUrl={green.GrpcAddress}",
            $"--ReleaseController:Shadow:EncodersUrl={encoders.GrpcAddress}",
            "--ReleaseController:Shadow:SamplesPerWindow=0",
            "--ReleaseController:Regression:ItemsPerEmotion=1",
            "--ReleaseController:Regression:Voice=ava",
            $"--ReleaseController:Regression:ArtifactsDirectory={ArtifactsDirectory}",
            "--ReleaseController:Console:RefreshMilliseconds=300");
        _running.Add(Controller);

        var keys = Path.Join(_directory, "keys.json");
        await File.WriteAllTextAsync(keys, JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                Entry(AdminKey, "admin", ["synthesize", "clone", "tester", "release-admin"]),
                Entry(ViewerKey, "viewer", ["enroll"]),
                Entry(ListenerKey, "listener", ["synthesize"]),
            },
        }));
        Gateway = await Start(
            GatewayApp.Build,
            $"--Gateway:Backends:Frontend={frontend.GrpcAddress}",
            $"--Gateway:Backends:Encoders={encoders.GrpcAddress}",
            $"--Gateway:Backends:ReleaseController={Controller.GrpcAddress}",
            $"--Gateway:Slots:Blue={blue.GrpcAddress}",
            $"--Gateway:Slots:Green={green.GrpcAddress}",
            $"--Gateway:Routing:StatePath={Path.Join(_directory, "routing.json")}",
            $"--Gateway:Auth:KeysFile={keys}");

        // The first release runs the golden-set regression on both slots: the Compare page's run and audio.
        var plan = Plan(skipPreRollout: false);
        var release = (await Releases.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = plan, Actor = "setup" })).Release;
        await Eventually.GetAsync(async () => (await Releases.GetStatusAsync(new GetStatusRequest { ReleaseId = release.ReleaseId })).Release, r => r.Phase != ReleasePhase.PreRollout, "the regression", 60);
        Run = (await Releases.ListEvaluationRunsAsync(new ListEvaluationRunsRequest { ReleaseId = release.ReleaseId })).Runs.Single();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--autoplay-policy=no-user-gesture-required"] });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A browser context for one key, signing in with HTTP Basic (the key as password) as a person would.</summary>
    public Task<IBrowserContext> ContextAsync(string key, int width = 1280, int height = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.HttpAddress.ToString(),
            HttpCredentials = new HttpCredentials { Username = "console", Password = key },
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    /// <summary>The active release, after starting one (no regression) when there is none.</summary>
    public async Task<Release> EnsureActiveAsync(bool listening = false)
    {
        var status = await Releases.GetStatusAsync(new GetStatusRequest());
        if (status.Release is { } r && r.Phase is ReleasePhase.Progressing or ReleasePhase.Paused or ReleasePhase.PreRollout)
        {
            if (listening == r.Plan.Gates.EnabledGates.Contains(GateKind.Listening))
            {
                return r;
            }

            await Releases.AbortAsync(new AbortRequest { ReleaseId = r.ReleaseId, Actor = "setup", Reason = "another plan" });
        }

        return (await Releases.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = Plan(skipPreRollout: true, listening), Actor = "setup" })).Release;
    }

    /// <summary>Three steps of 30 s; the shadow gates off (no shadow here); thresholds the forged voices pass.</summary>
    public static ReleasePlan Plan(bool skipPreRollout, bool listening = false)
    {
        var plan = ControllerHost.QuickPlan();
        plan.SkipPreRollout = skipPreRollout;
        plan.Gates.MinEmotionAgreement = 0.3;
        plan.Gates.MaxP95RtfRatio = 10;
        if (listening)
        {
            plan.Gates.EnabledGates.Add(GateKind.Listening);
            plan.Gates.MinListeningRatings = 2;
            plan.Gates.MaxMosDrop = 1;
            plan.InconclusiveLimit = 100;
        }
        return plan;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        foreach (var service in Enumerable.Reverse(_running))
        {
            await service.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task<RunningService> Start(Func<string[], WebApplication> build, params string[] args)
    {
        var service = await RunningService.StartAsync(build, args);
        _running.Add(service);
        return service;
    }

    private static string NewKey() =>
        "vfk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string IdOf(string key) => key[4..key.IndexOf('.', StringComparison.Ordinal)];

    private static object Entry(string key, string name, string[] roles) =>
        new { id = IdOf(key), name, sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), roles };
}

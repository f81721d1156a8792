using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Tests.Support;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Service;

/// <summary>Release webhooks, sent by the real controller to a real HTTP receiver on loopback.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private readonly string _database = ControllerHost.NewDatabase();
    private readonly ManualTimeProvider _clock = new();
    private readonly ScriptedMetrics _metrics = new();
    private readonly List<Received> _received = [];
    private WebApplication? _receiver;
    private RunningService? _service;
    private Func<int, int> _statusFor = _ => StatusCodes.Status200OK;

    private ReleaseControlClient Client => new(_service!.Channel);

    private string HookUrl => $"{_receiver!.Urls.First()}/hooks/release";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/release", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            int attempt;
            lock (_received)
            {
                _received.Add(new Received(context.Request.Headers["x-voicefleet-event"].ToString(), context.Request.ContentType ?? string.Empty, body));
                attempt = _received.Count;
            }

            var status = _statusFor(attempt);
            return status == StatusCodes.Status200OK ? Results.Ok() : Results.Text("not now", statusCode: status);
        });
        await _receiver.StartAsync();
        _service = await ControllerHost.StartAsync(_database, _clock, _metrics, ControllerHost.DeclaredSlots);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        ControllerHost.Delete(_database);
    }

    [Fact]
    public async Task Release_HookForEveryEvent_PostsPreRolloutEachStepAndThePromotionAsJson()
    {
        var plan = ControllerHost.QuickPlan();
        plan.Webhooks.Add(new Webhook { Url = HookUrl });
        var release = await StartAsync(plan);

        // A pre-rollout hook puts the release through pre-rollout even though the plan skips the regression.
        Assert.Equal(ReleasePhase.PreRollout, release.Phase);
        await WaitAsync(release.ReleaseId, r => r.CanaryWeightBps == 100);
        await ReceivedAsync(2);
        foreach (var (weight, count) in new[] { (2000, 3), (10000, 4) })
        {
            await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
            await WaitAsync(release.ReleaseId, r => r.CanaryWeightBps == weight);
            await ReceivedAsync(count);
        }

        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        await WaitAsync(release.ReleaseId, r => r.Phase == ReleasePhase.Promoted);
        var all = await ReceivedAsync(5);

        Assert.Equal(["pre_rollout", "step", "step", "step", "promotion"], all.Select(r => r.Event));
        Assert.All(all, r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
        using var last = JsonDocument.Parse(all[^1].Body);
        Assert.Equal("promotion", last.RootElement.GetProperty("event").GetString());
        Assert.Equal(release.ReleaseId, last.RootElement.GetProperty("releaseId").GetString());
        Assert.Equal("v23", last.RootElement.GetProperty("release").GetProperty("modelVersion").GetString());
        Assert.Equal("RELEASE_PHASE_PROMOTED", last.RootElement.GetProperty("transition").GetProperty("toPhase").GetString());
        using var first = JsonDocument.Parse(all[1].Body);
        Assert.Equal(100, first.RootElement.GetProperty("canaryWeightBps").GetInt32());
    }

    [Fact]
    public async Task Abort_RollbackHook_IsToldWhoAbortedAndWhy()
    {
        var plan = ControllerHost.QuickPlan();
        plan.Webhooks.Add(new Webhook { Url = HookUrl, Events = { WebhookEvent.Rollback } });
        var release = await StartAsync(plan);

        await Client.AbortAsync(new AbortRequest { ReleaseId = release.ReleaseId, Actor = "bob", Reason = "sounds muffled" });
        var all = await ReceivedAsync(1);

        Assert.Equal("rollback", Assert.Single(all).Event);
        using var document = JsonDocument.Parse(all[0].Body);
        var transition = document.RootElement.GetProperty("transition");
        Assert.Equal("bob", transition.GetProperty("actor").GetString());
        Assert.Equal("sounds muffled", transition.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PreRollout_BlockingHookKeepsFailing_RollsBackNamingTheHook()
    {
        _statusFor = _ => StatusCodes.Status503ServiceUnavailable;
        var plan = ControllerHost.QuickPlan();
        plan.Webhooks.Add(new Webhook { Url = HookUrl, Events = { WebhookEvent.PreRollout }, Blocking = true, MaxRetries = 2, Timeout = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) });

        var release = await StartAsync(plan);
        Assert.Equal(ReleasePhase.PreRollout, release.Phase);
        var done = await AdvanceUntilAsync(release.ReleaseId, r => r.Phase == ReleasePhase.RolledBack);

        Assert.Equal(3, (await ReceivedAsync(3)).Count);
        var reason = done.Transitions[^1].Reason;
        Assert.Contains(HookUrl, reason, StringComparison.Ordinal);
        Assert.Contains("HTTP 503: not now", reason, StringComparison.Ordinal);
        Assert.Equal(0, done.CanaryWeightBps);
    }

    [Fact]
    public async Task PreRollout_HookFailsOnceThenAnswers_ReleaseGoesOn()
    {
        _statusFor = attempt => attempt == 1 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        var plan = ControllerHost.QuickPlan();
        plan.Webhooks.Add(new Webhook { Url = HookUrl, Events = { WebhookEvent.PreRollout }, Blocking = true, Timeout = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) });

        var release = await StartAsync(plan);
        var done = await AdvanceUntilAsync(release.ReleaseId, r => r.Phase == ReleasePhase.Progressing);

        Assert.Equal(["pre_rollout", "pre_rollout"], (await ReceivedAsync(2)).Select(r => r.Event));
        Assert.Equal(100, done.CanaryWeightBps);
        Assert.Contains("pre-rollout webhooks passed", done.Transitions[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreRollout_UnreachableNonBlockingHook_ReleaseGoesOn()
    {
        var plan = ControllerHost.QuickPlan();
        plan.Webhooks.Add(new Webhook { Url = $"http://127.0.0.1:{FreePorts.Any()}/nobody", Events = { WebhookEvent.PreRollout }, MaxRetries = 1 });

        var release = await StartAsync(plan);
        var done = await AdvanceUntilAsync(release.ReleaseId, r => r.Phase == ReleasePhase.Progressing);

        Assert.Equal(100, done.CanaryWeightBps);
    }

    private async Task<Release> StartAsync(ReleasePlan plan) =>
        (await Client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = plan, Actor = "alice", Reason = "ship v23" })).Release;

    private Task<Release> WaitAsync(string releaseId, Func<Release, bool> done) =>
        Eventually.GetAsync(async () => (await Client.GetStatusAsync(new GetStatusRequest { ReleaseId = releaseId })).Release, done, "the release to move");

    // The hooks' pauses between attempts run on the controller's clock: move it on a second at a time until done.
    private async Task<Release> AdvanceUntilAsync(string releaseId, Func<Release, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var release = (await Client.GetStatusAsync(new GetStatusRequest { ReleaseId = releaseId })).Release;
            if (done(release))
            {
                return release;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the release stayed {release.Phase}: {release.Transitions[^1].Reason}");
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
    }

    private Task<List<Received>> ReceivedAsync(int count) =>
        Eventually.GetAsync(
            () =>
            {
                lock (_received)
                {
                    return Task.FromResult(_received.ToList());
                }
            },
            r => r.Count >= count,
            $"{count} webhook calls");

    private sealed record Received(string Event, string ContentType, string Body);
}

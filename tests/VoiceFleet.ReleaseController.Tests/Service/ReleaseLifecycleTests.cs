using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Tests.Support;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Service;

/// <summary>Releases through the real service over gRPC, with a manual clock and scripted window metrics.</summary>
public sealed class ReleaseLifecycleTests : IAsyncLifetime
{
    private readonly string _database = ControllerHost.NewDatabase();
    private readonly ManualTimeProvider _clock = new();
    private readonly ScriptedMetrics _metrics = new();
    private RunningService? _service;

    private ReleaseControlClient Client => new(_service!.Channel);

    public async Task InitializeAsync() => _service = await ControllerHost.StartAsync(_database, _clock, _metrics, ControllerHost.DeclaredSlots);

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        ControllerHost.Delete(_database);
    }

    [Fact]
    public async Task StartRelease_HealthyWindows_StepsUpThenPromotes()
    {
        var started = await StartAsync(ControllerHost.QuickPlan());
        Assert.Equal(ReleasePhase.Progressing, started.Phase);
        Assert.Equal(100, started.CanaryWeightBps);
        Assert.Equal("alice", started.Transitions[0].Actor);

        await PassWindowAsync(started.ReleaseId, expectedWeight: 2000);
        await PassWindowAsync(started.ReleaseId, expectedWeight: 10000);
        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        var done = await WaitAsync(started.ReleaseId, r => r.Phase == ReleasePhase.Promoted);

        Assert.Equal(3, done.Analyses.Count);
        Assert.All(done.Analyses, a => Assert.Equal(Verdict.Pass, a.Verdict));
        var status = await Client.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(Slot.Green, status.Routing.StableSlot);
        Assert.Equal(0, status.Routing.CanaryWeightBps);
        Assert.Equal(string.Empty, status.Routing.ReleaseId);
    }

    [Fact]
    public async Task WatchRouting_ReleaseProgress_FirstSnapshotThenEveryChangeWithNewRevision()
    {
        using var watch = Client.WatchRouting(new WatchRoutingRequest { GatewayId = "gw-1" });
        Assert.True(await watch.ResponseStream.MoveNext());
        var first = watch.ResponseStream.Current.Routing;
        Assert.Equal(Slot.Blue, first.StableSlot);
        Assert.Equal(0, first.CanaryWeightBps);
        Assert.Contains(first.SlotVersions, s => s.Slot == Slot.Green && s.ModelVersion == "v23");

        var release = await StartAsync(ControllerHost.QuickPlan());
        Assert.True(await watch.ResponseStream.MoveNext());
        var canary = watch.ResponseStream.Current.Routing;
        await Client.AbortAsync(new AbortRequest { Reason = "testing" });
        Assert.True(await watch.ResponseStream.MoveNext());
        var rolledBack = watch.ResponseStream.Current.Routing;

        Assert.Equal((first.Revision + 1, Slot.Green, 100, release.ReleaseId), (canary.Revision, canary.CanarySlot, canary.CanaryWeightBps, canary.ReleaseId));
        Assert.Equal((canary.Revision + 1, Slot.Unspecified, 0, Slot.Blue), (rolledBack.Revision, rolledBack.CanarySlot, rolledBack.CanaryWeightBps, rolledBack.StableSlot));
    }

    [Fact]
    public async Task Analysis_GateFails_RollsBackAtOnceNamingTheGate()
    {
        var release = await StartAsync(ControllerHost.QuickPlan());
        _metrics.Next = () => ScriptedMetrics.Healthy(canaryRequests: 300, canaryErrors: 60);

        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        var done = await WaitAsync(release.ReleaseId, r => r.Phase == ReleasePhase.RolledBack);

        var last = done.Transitions[^1];
        Assert.Equal(GateKind.ErrorRatio, last.FailedGate);
        Assert.Equal("controller", last.Actor);
        Assert.Equal((100, 0), (last.FromWeightBps, last.ToWeightBps));
        var status = await Client.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(0, status.Routing.CanaryWeightBps);
        Assert.Equal(Slot.Blue, status.Routing.StableSlot);
    }

    [Fact]
    public async Task Analysis_TooFewRequests_PausesAfterInconclusiveLimit()
    {
        var plan = ControllerHost.QuickPlan();
        plan.InconclusiveLimit = 2;
        var release = await StartAsync(plan);
        _metrics.Next = ScriptedMetrics.Quiet;

        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        await WaitAsync(release.ReleaseId, r => r.Analyses.Count == 1);
        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        var paused = await WaitAsync(release.ReleaseId, r => r.Phase == ReleasePhase.Paused);

        Assert.Equal(100, paused.CanaryWeightBps);
        Assert.All(paused.Analyses, a => Assert.Equal(Verdict.Inconclusive, a.Verdict));
    }

    [Fact]
    public async Task PauseResumePromote_CallerHeader_RecordedAsActor()
    {
        var release = await StartAsync(ControllerHost.QuickPlan());
        var headers = new Metadata { { "x-voicefleet-caller", "key:ops-admin" } };

        var paused = (await Client.PauseAsync(new PauseRequest { Actor = "ignored", Reason = "looking at a dashboard" }, headers)).Release;
        var again = await Assert.ThrowsAsync<RpcException>(async () => await Client.PauseAsync(new PauseRequest()));
        var resumed = (await Client.ResumeAsync(new ResumeRequest { Actor = "bob" })).Release;
        var promoted = (await Client.PromoteAsync(new PromoteRequest { ReleaseId = release.ReleaseId, Actor = "carol", Reason = "good enough" })).Release;
        var late = await Assert.ThrowsAsync<RpcException>(async () => await Client.AbortAsync(new AbortRequest { ReleaseId = release.ReleaseId }));

        Assert.Equal(("key:ops-admin", "looking at a dashboard"), (paused.Transitions[^1].Actor, paused.Transitions[^1].Reason));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Equal((ReleasePhase.Progressing, "bob"), (resumed.Phase, resumed.Transitions[^1].Actor));
        Assert.Equal((ReleasePhase.Promoted, "carol"), (promoted.Phase, promoted.Transitions[^1].Actor));
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
    }

    [Fact]
    public async Task StartRelease_BadRequests_ClearErrors()
    {
        var stable = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v21", CanarySlot = Slot.Blue }));
        var wrongVersion = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v99", CanarySlot = Slot.Green }));
        var noSlot = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23" }));
        await StartAsync(ControllerHost.QuickPlan());
        var second = await Assert.ThrowsAsync<RpcException>(async () => await StartAsync(ControllerHost.QuickPlan()));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetStatusAsync(new GetStatusRequest { ReleaseId = "rel_nope" }));

        Assert.Equal(StatusCode.FailedPrecondition, stable.StatusCode);
        Assert.Contains("stable slot", stable.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, wrongVersion.StatusCode);
        Assert.Contains("serves v23, not v99", wrongVersion.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, noSlot.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, second.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task WatchRelease_Progress_SnapshotThenChangesUntilTerminal()
    {
        var release = await StartAsync(ControllerHost.QuickPlan(steps: 1));
        using var watch = Client.WatchRelease(new WatchReleaseRequest());
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(release.ReleaseId, watch.ResponseStream.Current.Release.ReleaseId);

        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        var messages = new List<WatchReleaseResponse>();
        while (await watch.ResponseStream.MoveNext())
        {
            messages.Add(watch.ResponseStream.Current);
        }

        var last = Assert.Single(messages);
        Assert.Equal(ReleasePhase.Promoted, last.Release.Phase);
        Assert.Equal(Verdict.Pass, last.Analysis.Verdict);
        Assert.Equal(ReleasePhase.Promoted, last.Transition.ToPhase);
    }

    [Fact]
    public async Task ListHistory_SeveralReleases_NewestFirstWithPaging()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await StartAsync(ControllerHost.QuickPlan())).ReleaseId);
            await Client.AbortAsync(new AbortRequest());
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var page1 = await Client.ListHistoryAsync(new ListHistoryRequest { PageSize = 2 });
        var page2 = await Client.ListHistoryAsync(new ListHistoryRequest { PageSize = 2, PageToken = page1.NextPageToken });
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await Client.ListHistoryAsync(new ListHistoryRequest { PageToken = "garbage!" }));

        Assert.Equal([ids[2], ids[1]], page1.Releases.Select(r => r.ReleaseId));
        Assert.Equal([ids[0]], page2.Releases.Select(r => r.ReleaseId));
        Assert.Empty(page2.NextPageToken);
        Assert.All(page1.Releases, r => Assert.Equal(ReleasePhase.Aborted, r.Phase));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    private async Task<Release> StartAsync(ReleasePlan plan) =>
        (await Client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = plan, Actor = "alice", Reason = "ship v23" })).Release;

    private async Task PassWindowAsync(string releaseId, int expectedWeight)
    {
        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        await WaitAsync(releaseId, r => r.CanaryWeightBps == expectedWeight);
    }

    private Task<Release> WaitAsync(string releaseId, Func<Release, bool> done) =>
        Eventually.GetAsync(async () => (await Client.GetStatusAsync(new GetStatusRequest { ReleaseId = releaseId })).Release, done, "the release to move");
}

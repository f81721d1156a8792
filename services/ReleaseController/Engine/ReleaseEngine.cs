using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.ReleaseController.Diagnostics;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Regression;
using VoiceFleet.ReleaseController.Routing;
using VoiceFleet.ReleaseController.Slots;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.ReleaseController.Webhooks;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.Engine;

/// <summary>
/// Runs releases: takes operators' commands, runs the pre-rollout regression, waits out each observation
/// window on the <see cref="TimeProvider"/>, analyses it and moves the release on. Every change is written
/// to the store (release, transitions, gate results and routing in one transaction) before it is
/// published to gateways and watchers, so a restarted controller resumes where the store says and a
/// change is never applied twice. One change at a time (a single gate); long work (analysis,
/// regression) runs outside it and is applied only if the release has not moved meanwhile.
/// </summary>
internal sealed class ReleaseEngine(
    IReleaseStore store,
    RoutingHub routing,
    ReleaseEventHub events,
    SlotClients slots,
    AnalysisRunner analysis,
    RegressionRunner regression,
    WebhookSender webhooks,
    ReleaseMetrics metrics,
    IOptions<ReleaseControllerOptions> options,
    TimeProvider time,
    ILogger<ReleaseEngine> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StoredRelease? _active;
    private bool _leader;
    private Timestamp? _baselineFor;
    private (string ReleaseId, CancellationTokenSource Cancel)? _regression;

    /// <summary>Completes once the store is open and routing loaded.</summary>
    public Task Ready => _ready.Task;

    /// <summary>The active release as last committed (a copy), or null.</summary>
    public Release? Active => _active?.Release.Clone();

    public bool IsLeader => _leader;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _regression?.Cancel.Dispose();
        _gate.Dispose();
        base.Dispose();
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _leader = await store.TryLeadAsync(cancellationToken).ConfigureAwait(false);
        ReleaseLog.Leadership(logger, _leader ? "leading" : "standing by");
        var current = await store.GetRoutingAsync(cancellationToken).ConfigureAwait(false);
        if (current is null && _leader)
        {
            current = new RoutingSnapshot
            {
                Revision = 1,
                StableSlot = Names.ParseSlot(options.Value.InitialStableSlot),
                UpdateTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            };
            foreach (var slot in new[] { Slot.Blue, Slot.Green })
            {
                var state = await slots.GetStateAsync(slot, cancellationToken).ConfigureAwait(false);
                ReleaseStateMachine.SetVersion(current, slot, state.ServingVersion ?? string.Empty);
            }

            try
            {
                await store.SaveRoutingAsync(current, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreConflictException)
            {
                current = await store.GetRoutingAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (current is not null)
        {
            routing.Publish(current);
            ReleaseLog.Loaded(logger, store.Description, current.Revision, Names.Slot(current.StableSlot), Names.Slot(current.CanarySlot), current.CanaryWeightBps);
        }

        _active = await store.GetActiveReleaseAsync(cancellationToken).ConfigureAwait(false);
        metrics.SetActive(_active?.Release);
        _ready.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_leader)
                {
                    await StandByAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                // Taken before looking at the state, so a change made meanwhile ends the wait at once.
                var changed = Volatile.Read(ref _changed).Task;
                var due = await TickAsync(stoppingToken).ConfigureAwait(false);
                await WaitAsync(due, changed, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the engine must outlive a failing store call or analysis; it logs and retries
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ReleaseLog.EngineError(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts a release (see StartReleaseRequest); the canary slot must be idle, healthy and serve the version.</summary>
    public async Task<Release> StartReleaseAsync(StartReleaseRequest request, string actor, CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(request.ModelVersion))
        {
            throw new RpcException(StatusCode.InvalidArgument, "model_version is required.");
        }

        if (request.CanarySlot is not (Slot.Blue or Slot.Green))
        {
            throw new RpcException(StatusCode.InvalidArgument, "canary_slot must be SLOT_BLUE or SLOT_GREEN.");
        }

        var plan = ReleasePlans.Effective(request.Plan, options.Value);
        return await ChangeAsync(
            async (_, now) =>
            {
                if (_active is { } active)
                {
                    throw new RpcException(StatusCode.FailedPrecondition, $"release {active.Release.ReleaseId} ({active.Release.ModelVersion}) is active ({Names.Phase(active.Release.Phase)}); abort or finish it first.");
                }

                var current = routing.Current ?? throw new RpcException(StatusCode.Unavailable, "routing is not loaded yet.");
                if (request.CanarySlot == current.StableSlot)
                {
                    throw new RpcException(StatusCode.FailedPrecondition, $"slot {Names.Slot(request.CanarySlot)} is the stable slot; release on the idle slot ({Names.Slot(Names.Other(current.StableSlot))}).");
                }

                var canary = await slots.GetStateAsync(request.CanarySlot, cancellationToken).ConfigureAwait(false);
                if (!canary.Healthy || canary.ServingVersion is null)
                {
                    throw new RpcException(StatusCode.FailedPrecondition, $"slot {Names.Slot(request.CanarySlot)} is not healthy ({canary.Detail}).");
                }

                if (!string.Equals(canary.ServingVersion, request.ModelVersion, StringComparison.Ordinal))
                {
                    throw new RpcException(StatusCode.FailedPrecondition, $"slot {Names.Slot(request.CanarySlot)} serves {canary.ServingVersion}, not {request.ModelVersion}.");
                }

                var stable = await slots.GetStateAsync(current.StableSlot, cancellationToken).ConfigureAwait(false);
                var stableVersion = stable.ServingVersion
                    ?? current.SlotVersions.FirstOrDefault(s => s.Slot == current.StableSlot)?.ModelVersion
                    ?? string.Empty;
                var release = ReleaseStateMachine.Create(Ids.New("rel_", now), request, plan, current.StableSlot, stableVersion, actor, now);
                var preRolloutHooks = plan.Webhooks.Any(h => h.Events.Count == 0 || h.Events.Contains(WebhookEvent.PreRollout));
                var transition = !plan.SkipPreRollout
                    ? ReleaseStateMachine.Move(release, ReleasePhase.PreRollout, 0, ReleaseStateMachine.Controller, "golden-set regression on both slots before any traffic", now)
                    : preRolloutHooks
                        ? ReleaseStateMachine.Move(release, ReleasePhase.PreRollout, 0, ReleaseStateMachine.Controller, "pre-rollout webhooks before any traffic (regression skipped by the plan)", now)
                        : ReleaseStateMachine.EnterStep(release, 0, ReleaseStateMachine.Controller, "pre-rollout regression skipped by the plan", now);
                return (release, 0, transition, null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<Release> PauseAsync(string releaseId, string actor, string reason, CancellationToken cancellationToken) =>
        await ChangeActiveAsync(releaseId, (release, now) =>
        {
            if (release.Phase is not (ReleasePhase.PreRollout or ReleasePhase.Progressing))
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"release {release.ReleaseId} is {Names.Phase(release.Phase)}; only a release in pre-rollout or progressing can be paused.");
            }

            return ReleaseStateMachine.Move(release, ReleasePhase.Paused, release.CanaryWeightBps, actor, Or(reason, "paused by operator"), now);
        }, cancellationToken).ConfigureAwait(false);

    public async Task<Release> ResumeAsync(string releaseId, string actor, string reason, CancellationToken cancellationToken) =>
        await ChangeActiveAsync(releaseId, (release, now) =>
        {
            if (release.Phase != ReleasePhase.Paused)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"release {release.ReleaseId} is {Names.Phase(release.Phase)}, not paused.");
            }

            if (release.CanaryWeightBps > 0)
            {
                var transition = ReleaseStateMachine.Move(release, ReleasePhase.Progressing, release.CanaryWeightBps, actor, Or(reason, "resumed by operator"), now);
                ReleaseStateMachine.StartWindow(release, now);
                return transition;
            }

            return release.Plan.SkipPreRollout || release.PreRolloutRunId.Length > 0
                ? ReleaseStateMachine.EnterStep(release, 0, actor, Or(reason, "resumed by operator"), now)
                : ReleaseStateMachine.Move(release, ReleasePhase.PreRollout, 0, actor, Or(reason, "resumed by operator: pre-rollout regression"), now);
        }, cancellationToken).ConfigureAwait(false);

    public async Task<Release> PromoteAsync(string releaseId, string actor, string reason, CancellationToken cancellationToken) =>
        await ChangeActiveAsync(releaseId, (release, now) =>
            ReleaseStateMachine.Move(release, ReleasePhase.Promoted, 0, actor, Or(reason, "promoted by operator"), now), cancellationToken).ConfigureAwait(false);

    public async Task<Release> AbortAsync(string releaseId, string actor, string reason, CancellationToken cancellationToken) =>
        await ChangeActiveAsync(releaseId, (release, now) =>
            ReleaseStateMachine.Move(release, ReleasePhase.Aborted, 0, actor, Or(reason, "aborted by operator"), now), cancellationToken).ConfigureAwait(false);

    /// <summary>A release by id, else the active one, else the latest; null when there has never been one.</summary>
    public async Task<Release?> GetAsync(string releaseId, CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(releaseId))
        {
            return _active?.Release.Clone() ?? (await store.GetLatestReleaseAsync(cancellationToken).ConfigureAwait(false))?.Release;
        }

        var found = await store.GetReleaseAsync(releaseId, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.NotFound, $"release {releaseId} not found.");
        return found.Release;
    }

    private async Task<Release> ChangeActiveAsync(string releaseId, Func<Release, DateTimeOffset, Transition> change, CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(
            async (_, now) =>
            {
                var active = _active;
                if (active is null || (releaseId.Length > 0 && releaseId != active.Release.ReleaseId))
                {
                    if (releaseId.Length > 0 && await store.GetReleaseAsync(releaseId, cancellationToken).ConfigureAwait(false) is { } ended)
                    {
                        throw new RpcException(StatusCode.FailedPrecondition, $"release {releaseId} has ended ({Names.Phase(ended.Release.Phase)}).");
                    }

                    throw releaseId.Length > 0
                        ? new RpcException(StatusCode.NotFound, $"release {releaseId} not found.")
                        : new RpcException(StatusCode.FailedPrecondition, "no release is active.");
                }

                var release = active.Release.Clone();
                var transition = change(release, now);
                return (release, active.Version, transition, null);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Under the gate: computes a change, stores it with its routing, then publishes it.</summary>
    private async Task<Release> ChangeAsync(Func<StoredRelease?, DateTimeOffset, Task<(Release Release, long ExpectedVersion, Transition? Transition, Analysis? Analysis)>> compute, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_leader)
            {
                throw new RpcException(StatusCode.Unavailable, "this controller replica stands by; another one leads.");
            }

            var (release, expected, transition, windowAnalysis) = await compute(_active, time.GetUtcNow()).ConfigureAwait(false);
            await CommitAsync(release, expected, transition, windowAnalysis, cancellationToken).ConfigureAwait(false);
            return release.Clone();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CommitAsync(Release release, long expectedVersion, Transition? transition, Analysis? windowAnalysis, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = routing.Current ?? throw new RpcException(StatusCode.Unavailable, "routing is not loaded yet.");
        var nextRouting = ReleaseStateMachine.RoutingFor(release, current, now);
        long version;
        try
        {
            version = await store.SaveAsync(new ReleaseWrite(release, expectedVersion, nextRouting), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            // Someone else wrote (another replica): take the store's word and refuse this change.
            _active = await store.GetActiveReleaseAsync(cancellationToken).ConfigureAwait(false);
            if (await store.GetRoutingAsync(cancellationToken).ConfigureAwait(false) is { } stored)
            {
                routing.Publish(stored);
            }

            throw new RpcException(StatusCode.Aborted, $"the release changed underneath; try again ({ex.Message}).");
        }

        var terminal = Names.IsTerminal(release.Phase);
        _active = terminal ? null : new StoredRelease(release.Clone(), version);
        metrics.SetActive(_active?.Release);
        if (nextRouting is not null)
        {
            routing.Publish(nextRouting);
            ReleaseLog.Routed(logger, nextRouting.Revision, Names.Slot(nextRouting.StableSlot), Names.Slot(nextRouting.CanarySlot), nextRouting.CanaryWeightBps);
        }

        if (transition is not null)
        {
            ReleaseLog.Transition(logger, release.ReleaseId, Names.Phase(transition.FromPhase), Names.Phase(transition.ToPhase), transition.FromWeightBps, transition.ToWeightBps, transition.Actor, transition.Reason);
            webhooks.Announce(release, transition);
            switch (transition.ToPhase)
            {
                case ReleasePhase.Promoted:
                    metrics.Promoted();
                    break;
                case ReleasePhase.RolledBack:
                    metrics.RolledBack(transition.FailedGate == GateKind.Unspecified ? "inconclusive" : Names.Gate(transition.FailedGate));
                    break;
                case ReleasePhase.Aborted:
                    metrics.RolledBack("manual");
                    break;
            }
        }

        if (terminal && _regression is { } job && job.ReleaseId == release.ReleaseId)
        {
            await job.Cancel.CancelAsync().ConfigureAwait(false);
        }

        if (transition is not null || windowAnalysis is not null)
        {
            events.Publish(new WatchReleaseResponse { Release = release.Clone(), Transition = transition, Analysis = windowAnalysis });
        }

        Signal();
    }

    /// <summary>Does what is due now; returns when the next thing falls due (null = only on a command).</summary>
    private async Task<DateTimeOffset?> TickAsync(CancellationToken cancellationToken)
    {
        var active = _active;
        if (active is null)
        {
            return null;
        }

        var release = active.Release;
        if (release.Phase == ReleasePhase.PreRollout)
        {
            StartRegression(release);
            return null;
        }

        if (!ReleaseStateMachine.IsObserving(release))
        {
            return null;
        }

        if (!Equals(_baselineFor, release.WindowStart))
        {
            await analysis.BeginWindowAsync(cancellationToken).ConfigureAwait(false);
            _baselineFor = release.WindowStart;
        }

        var end = release.WindowEnd.ToDateTimeOffset();
        if (time.GetUtcNow() < end)
        {
            return end;
        }

        Analysis result;
        try
        {
            result = await analysis.AnalyseAsync(release, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or HttpRequestException or IOException or InvalidOperationException)
        {
            ReleaseLog.AnalysisCrashed(logger, ex, release.ReleaseId);
            result = new Analysis
            {
                StepIndex = release.CurrentStep, WindowStart = release.WindowStart, WindowEnd = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                Verdict = Verdict.Inconclusive, Source = analysis.SourceName,
            };
            result.Gates.Add(new GateResult { Verdict = Verdict.Inconclusive, Message = $"the analysis failed: {ex.Message}" });
        }

        ReleaseLog.Analysed(logger, release.ReleaseId, release.CurrentStep + 1, Names.Verdict(result.Verdict));
        await ChangeIfUnmovedAsync(release, (r, now) => ReleaseStateMachine.ApplyAnalysis(r, result, now), result, cancellationToken).ConfigureAwait(false);
        _baselineFor = null;
        return null;
    }

    /// <summary>Applies a change computed from <paramref name="seen"/> only if the release is still as seen (same phase, step and window).</summary>
    private async Task ChangeIfUnmovedAsync(Release seen, Func<Release, DateTimeOffset, Transition?> change, Analysis? windowAnalysis, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var active = _active;
            if (active is null || active.Release.ReleaseId != seen.ReleaseId || !Equals(active.Release.WindowStart, seen.WindowStart)
                || active.Release.CurrentStep != seen.CurrentStep || active.Release.Phase != seen.Phase)
            {
                return;
            }

            var release = active.Release.Clone();
            var transition = change(release, time.GetUtcNow());
            await CommitAsync(release, active.Version, transition, windowAnalysis, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartRegression(Release release)
    {
        if (_regression is { } running && running.ReleaseId == release.ReleaseId && !running.Cancel.IsCancellationRequested)
        {
            return;
        }

        _regression?.Cancel.Dispose();
        var cancel = new CancellationTokenSource();
        _regression = (release.ReleaseId, cancel);
        _ = Task.Run(() => RunRegressionAsync(release.Clone(), cancel.Token), CancellationToken.None);
    }

    private async Task RunRegressionAsync(Release release, CancellationToken cancellationToken)
    {
        EvaluationRun run;
        string? hookFailure;
        try
        {
            if (release.Plan.SkipPreRollout)
            {
                // In pre-rollout only for its webhooks.
                run = new EvaluationRun { RunId = string.Empty, Verdict = Verdict.Pass };
            }
            else
            {
                run = await regression.RunAsync(release.ReleaseId, release.ModelVersion, release.CanarySlot, release.StableModelVersion, release.StableSlot, release.Plan, cancellationToken).ConfigureAwait(false);
                await store.SaveEvaluationRunAsync(run, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // a crashed regression must not leave the release hanging in pre-rollout
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ReleaseLog.RegressionCrashed(logger, ex, release.ReleaseId);
            run = new EvaluationRun { RunId = string.Empty, Verdict = Verdict.Fail };
            run.Gates.Add(new GateResult { Gate = GateKind.ErrorRatio, Verdict = Verdict.Fail, Message = $"the regression could not run: {ex.Message}" });
        }

        if (run.RunId.Length > 0)
        {
            ReleaseLog.Regression(logger, release.ReleaseId, run.RunId, Names.Verdict(run.Verdict), run.Items.Count, run.ArtifactDir);
        }

        try
        {
            // Outside the engine's gate: hooks may take their timeouts and retries.
            hookFailure = run.Verdict == Verdict.Pass ? await webhooks.PreRolloutAsync(release, cancellationToken).ConfigureAwait(false) : null;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var active = _active;
            if (active is null || active.Release.ReleaseId != release.ReleaseId || active.Release.Phase is not (ReleasePhase.PreRollout or ReleasePhase.Paused) || active.Release.CanaryWeightBps != 0)
            {
                return;
            }

            var next = active.Release.Clone();
            var now = time.GetUtcNow();
            if (run.RunId.Length > 0)
            {
                next.PreRolloutRunId = run.RunId;
            }

            var failed = run.Gates.FirstOrDefault(g => g.Verdict == Verdict.Fail);
            Transition? transition = null;
            if (hookFailure is not null)
            {
                transition = ReleaseStateMachine.Move(next, ReleasePhase.RolledBack, 0, ReleaseStateMachine.Controller, hookFailure, now);
            }
            else if (run.Verdict == Verdict.Fail || (run.Verdict == Verdict.Inconclusive && next.Plan.InconclusiveAction == InconclusiveAction.Fail))
            {
                var reason = failed is not null
                    ? $"pre-rollout regression failed: gate {Names.Gate(failed.Gate).ToUpperInvariant()}: {failed.Message}"
                    : "pre-rollout regression inconclusive (inconclusive action FAIL)";
                transition = ReleaseStateMachine.Move(next, ReleasePhase.RolledBack, 0, ReleaseStateMachine.Controller, reason, now, failed?.Gate ?? GateKind.Unspecified);
            }
            else if (run.Verdict == Verdict.Inconclusive)
            {
                var unsure = run.Gates.First(g => g.Verdict == Verdict.Inconclusive);
                transition = next.Phase == ReleasePhase.Paused
                    ? null
                    : ReleaseStateMachine.Move(next, ReleasePhase.Paused, 0, ReleaseStateMachine.Controller, $"pre-rollout regression inconclusive: {Names.Gate(unsure.Gate).ToUpperInvariant()}: {unsure.Message}", now);
            }
            else if (next.Phase == ReleasePhase.PreRollout)
            {
                transition = ReleaseStateMachine.EnterStep(next, 0, ReleaseStateMachine.Controller, run.RunId.Length > 0 ? $"pre-rollout regression {run.RunId} passed" : "pre-rollout webhooks passed (regression skipped by the plan)", now);
            }

            next.UpdateTime = Timestamp.FromDateTimeOffset(now);
            await CommitAsync(next, active.Version, transition, null, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // logged; the engine retries the regression on its next tick
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ReleaseLog.EngineError(logger, ex);
            _regression = null;
            Signal();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task WaitAsync(DateTimeOffset? due, Task changed, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new List<Task> { changed, Task.Delay(Timeout.InfiniteTimeSpan, wait.Token) };
        if (due is { } at)
        {
            var delay = at - time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            tasks.Add(Task.Delay(delay, time, wait.Token));
        }

        await Task.WhenAny(tasks).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task StandByAsync(CancellationToken cancellationToken)
    {
        if (await store.GetRoutingAsync(cancellationToken).ConfigureAwait(false) is { } stored)
        {
            routing.Publish(stored);
        }

        _active = await store.GetActiveReleaseAsync(cancellationToken).ConfigureAwait(false);
        metrics.SetActive(_active?.Release);
        await Task.Delay(options.Value.StandbyPollInterval, time, cancellationToken).ConfigureAwait(false);
        if (await store.TryLeadAsync(cancellationToken).ConfigureAwait(false))
        {
            _leader = true;
            ReleaseLog.Leadership(logger, "leading");
        }
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}

using Google.Protobuf.WellKnownTypes;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Model;

namespace VoiceFleet.ReleaseController.Engine;

/// <summary>
/// The rules of a release, as pure functions on the <see cref="Release"/> record: each change appends a
/// <see cref="Transition"/> (who, why, weights before and after) and the routing follows from the result.
/// </summary>
internal static class ReleaseStateMachine
{
    /// <summary>The actor of automatic transitions.</summary>
    public const string Controller = "controller";

    /// <summary>A new release, PENDING, its first transition naming who started it and why.</summary>
    public static Release Create(string releaseId, StartReleaseRequest request, ReleasePlan plan, Slot stableSlot, string stableVersion, string actor, DateTimeOffset now)
    {
        var release = new Release
        {
            ReleaseId = releaseId,
            ModelVersion = request.ModelVersion,
            CanarySlot = request.CanarySlot,
            StableSlot = stableSlot,
            StableModelVersion = stableVersion,
            Plan = plan,
            Phase = ReleasePhase.Unspecified,
            CreateTime = Timestamp.FromDateTimeOffset(now),
        };
        Move(release, ReleasePhase.Pending, 0, actor, string.IsNullOrWhiteSpace(request.Reason) ? "release started" : request.Reason, now);
        return release;
    }

    /// <summary>Appends a transition to <paramref name="to"/> at <paramref name="weightBps"/>.</summary>
    public static Transition Move(Release release, ReleasePhase to, int weightBps, string actor, string reason, DateTimeOffset now, GateKind failedGate = GateKind.Unspecified)
    {
        var transition = new Transition
        {
            Time = Timestamp.FromDateTimeOffset(now),
            FromPhase = release.Phase,
            ToPhase = to,
            FromWeightBps = release.CanaryWeightBps,
            ToWeightBps = weightBps,
            Actor = actor,
            Reason = reason,
            FailedGate = failedGate,
        };
        release.Transitions.Add(transition);
        release.Phase = to;
        release.CanaryWeightBps = weightBps;
        release.UpdateTime = transition.Time;
        if (Names.IsTerminal(to))
        {
            release.EndTime = transition.Time;
            release.OutcomeReason = reason;
            release.WindowStart = null;
            release.WindowEnd = null;
        }

        return transition;
    }

    /// <summary>Enters step <paramref name="index"/>: its weight, a fresh observation window, PROGRESSING.</summary>
    public static Transition EnterStep(Release release, int index, string actor, string reason, DateTimeOffset now)
    {
        var step = release.Plan.Steps[index];
        release.CurrentStep = index;
        var transition = Move(release, ReleasePhase.Progressing, step.CanaryWeightBps, actor, reason, now);
        StartWindow(release, now);
        return transition;
    }

    /// <summary>Starts a new observation window of the current step at <paramref name="now"/>.</summary>
    public static void StartWindow(Release release, DateTimeOffset now)
    {
        var window = release.Plan.Steps[release.CurrentStep].ObservationWindow.ToTimeSpan();
        release.WindowStart = Timestamp.FromDateTimeOffset(now);
        release.WindowEnd = Timestamp.FromDateTimeOffset(now + window);
        release.UpdateTime = release.WindowStart;
    }

    /// <summary>Whether the release has canary traffic to analyse (an open window at a weight above 0).</summary>
    public static bool IsObserving(Release release) =>
        release.Phase is ReleasePhase.Progressing or ReleasePhase.Paused && release.CanaryWeightBps > 0 && release.WindowEnd is not null;

    /// <summary>
    /// Applies one window's analysis: counts failed and inconclusive checks against the plan's limits,
    /// then rolls back, pauses, advances a step, promotes, or starts the next window of the same step.
    /// Returns the transition made, if any.
    /// </summary>
    public static Transition? ApplyAnalysis(Release release, Analysis analysis, DateTimeOffset now)
    {
        release.Analyses.Add(analysis);
        release.UpdateTime = Timestamp.FromDateTimeOffset(now);
        var plan = release.Plan;
        var failed = analysis.Verdict == Verdict.Fail;
        if (analysis.Verdict == Verdict.Inconclusive)
        {
            release.InconclusiveChecks++;
            if (release.InconclusiveChecks >= plan.InconclusiveLimit && plan.InconclusiveAction == InconclusiveAction.Fail)
            {
                failed = true;
            }
        }
        else
        {
            release.InconclusiveChecks = 0;
        }

        if (failed)
        {
            release.FailedChecks++;
            if (release.FailedChecks >= plan.FailureLimit)
            {
                var gate = analysis.Gates.FirstOrDefault(g => g.Verdict == Verdict.Fail);
                var reason = gate is not null
                    ? $"gate {Names.Gate(gate.Gate).ToUpperInvariant()} failed: {gate.Message}"
                    : $"{release.InconclusiveChecks} inconclusive windows in a row (inconclusive action FAIL)";
                return Move(release, ReleasePhase.RolledBack, 0, Controller, reason, now, gate?.Gate ?? GateKind.Unspecified);
            }

            if (analysis.Verdict == Verdict.Inconclusive)
            {
                release.InconclusiveChecks = 0;
            }

            StartWindow(release, now);
            return null;
        }

        if (release.Phase == ReleasePhase.Paused)
        {
            // Held: analysis goes on (and can still roll back), steps do not advance.
            StartWindow(release, now);
            return null;
        }

        if (analysis.Verdict == Verdict.Inconclusive)
        {
            if (release.InconclusiveChecks >= plan.InconclusiveLimit)
            {
                var count = release.InconclusiveChecks;
                release.InconclusiveChecks = 0;
                var transition = Move(release, ReleasePhase.Paused, release.CanaryWeightBps, Controller, $"{count} inconclusive windows in a row at step {release.CurrentStep + 1}: too few samples to decide", now);
                StartWindow(release, now);
                return transition;
            }

            StartWindow(release, now);
            return null;
        }

        var next = release.CurrentStep + 1;
        if (next < plan.Steps.Count)
        {
            return EnterStep(release, next, Controller, $"step {release.CurrentStep + 1} passed", now);
        }

        if (plan.ManualPromotion || plan.Steps[^1].CanaryWeightBps < 10000)
        {
            var transition = Move(release, ReleasePhase.Paused, release.CanaryWeightBps, Controller, $"step {release.CurrentStep + 1} passed; waiting for manual promotion", now);
            StartWindow(release, now);
            return transition;
        }

        return Move(release, ReleasePhase.Promoted, 0, Controller, $"all {plan.Steps.Count} steps passed", now);
    }

    /// <summary>The routing a release implies, given the routing in force (null when unchanged).</summary>
    public static RoutingSnapshot? RoutingFor(Release release, RoutingSnapshot current, DateTimeOffset now)
    {
        var next = current.Clone();
        switch (release.Phase)
        {
            case ReleasePhase.Promoted:
                next.StableSlot = release.CanarySlot;
                next.CanarySlot = Slot.Unspecified;
                next.CanaryWeightBps = 0;
                next.ReleaseId = string.Empty;
                break;
            case ReleasePhase.RolledBack or ReleasePhase.Aborted:
                next.StableSlot = release.StableSlot;
                next.CanarySlot = Slot.Unspecified;
                next.CanaryWeightBps = 0;
                next.ReleaseId = string.Empty;
                break;
            default:
                next.StableSlot = release.StableSlot;
                next.CanarySlot = release.CanarySlot;
                next.CanaryWeightBps = release.CanaryWeightBps;
                next.ReleaseId = release.ReleaseId;
                SetVersion(next, release.CanarySlot, release.ModelVersion);
                SetVersion(next, release.StableSlot, release.StableModelVersion);
                break;
        }

        next.UpdateTime = current.UpdateTime;
        next.Revision = current.Revision;
        if (next.Equals(current))
        {
            return null;
        }

        next.Revision = current.Revision + 1;
        next.UpdateTime = Timestamp.FromDateTimeOffset(now);
        return next;
    }

    /// <summary>Sets the version of a slot in a snapshot (slots kept in blue, green order).</summary>
    public static void SetVersion(RoutingSnapshot snapshot, Slot slot, string version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return;
        }

        var existing = snapshot.SlotVersions.FirstOrDefault(s => s.Slot == slot);
        if (existing is null)
        {
            snapshot.SlotVersions.Add(new SlotVersion { Slot = slot, ModelVersion = version });
            var ordered = snapshot.SlotVersions.OrderBy(s => s.Slot).ToArray();
            snapshot.SlotVersions.Clear();
            snapshot.SlotVersions.AddRange(ordered);
        }
        else
        {
            existing.ModelVersion = version;
        }
    }
}

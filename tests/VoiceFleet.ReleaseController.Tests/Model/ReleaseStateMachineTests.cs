using Google.Protobuf.WellKnownTypes;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.ReleaseController.Engine;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.Rpc;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Model;

public sealed class ReleaseStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Effective_EmptyPlan_DefaultStepsWindowAndGates()
    {
        var plan = ReleasePlans.Effective(null, new ReleaseControllerOptions());

        Assert.Equal([100, 500, 2000, 5000, 10000], plan.Steps.Select(s => s.CanaryWeightBps));
        Assert.All(plan.Steps, s => Assert.Equal(TimeSpan.FromMinutes(2), s.ObservationWindow.ToTimeSpan()));
        Assert.Equal(1, plan.FailureLimit);
        Assert.Equal(3, plan.InconclusiveLimit);
        Assert.Equal(InconclusiveAction.Pause, plan.InconclusiveAction);
        Assert.Equal(0.75, plan.Gates.MinSpeakerSimilarity);
        Assert.Equal(50, plan.Gates.MinRequests);
        Assert.False(ReleasePlans.IsEnabled(plan.Gates, GateKind.RtfMannWhitney));
        Assert.True(ReleasePlans.IsEnabled(plan.Gates, GateKind.ErrorRatio));
    }

    [Theory]
    [InlineData(500, 100)]
    [InlineData(0, 100)]
    [InlineData(100, 10001)]
    public void Effective_BadWeights_InvalidArgument(int first, int second)
    {
        var plan = new ReleasePlan();
        plan.Steps.Add(new ReleaseStep { CanaryWeightBps = first, ObservationWindow = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) });
        plan.Steps.Add(new ReleaseStep { CanaryWeightBps = second, ObservationWindow = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) });

        var ex = Assert.Throws<RpcException>(() => ReleasePlans.Effective(plan, new ReleaseControllerOptions()));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    [Fact]
    public void Effective_GateEnabledAndDisabled_InvalidArgument()
    {
        var plan = new ReleasePlan { Gates = new GateThresholds() };
        plan.Gates.EnabledGates.Add(GateKind.RtfMannWhitney);
        plan.Gates.DisabledGates.Add(GateKind.RtfMannWhitney);

        var ex = Assert.Throws<RpcException>(() => ReleasePlans.Effective(plan, new ReleaseControllerOptions()));

        Assert.Contains("rtf_mann_whitney", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyAnalysis_PassOnEveryStep_AdvancesThenPromotes()
    {
        var release = NewRelease();
        ReleaseStateMachine.EnterStep(release, 0, "controller", "go", Now);

        for (var i = 0; i < release.Plan.Steps.Count; i++)
        {
            ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Pass), Now.AddMinutes(i + 1));
        }

        Assert.Equal(ReleasePhase.Promoted, release.Phase);
        Assert.Equal(0, release.CanaryWeightBps);
        Assert.Equal([100, 500, 2000, 5000, 10000, 0], release.Transitions.Skip(1).Select(t => t.ToWeightBps));
        var routing = ReleaseStateMachine.RoutingFor(release, new RoutingSnapshot { Revision = 4, StableSlot = Slot.Blue, CanarySlot = Slot.Green, CanaryWeightBps = 10000 }, Now)!;
        Assert.Equal(Slot.Green, routing.StableSlot);
        Assert.Equal(Slot.Unspecified, routing.CanarySlot);
        Assert.Equal(5, routing.Revision);
    }

    [Fact]
    public void ApplyAnalysis_Fail_RollsBackWithGateAndWeightZero()
    {
        var release = NewRelease();
        ReleaseStateMachine.EnterStep(release, 0, "controller", "go", Now);
        var analysis = Window(Verdict.Fail);
        analysis.Gates.Add(new GateResult { Gate = GateKind.SpeakerSimilarity, Verdict = Verdict.Fail, Message = "0.61 < 0.75" });

        var transition = ReleaseStateMachine.ApplyAnalysis(release, analysis, Now.AddMinutes(2));

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
        Assert.Equal(0, release.CanaryWeightBps);
        Assert.Equal(GateKind.SpeakerSimilarity, transition!.FailedGate);
        Assert.Equal("controller", transition.Actor);
        Assert.Contains("SPEAKER_SIMILARITY", release.OutcomeReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyAnalysis_InconclusiveUpToLimit_PausesAtSameWeight()
    {
        var release = NewRelease();
        ReleaseStateMachine.EnterStep(release, 0, "controller", "go", Now);

        Assert.Null(ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Inconclusive), Now.AddMinutes(2)));
        Assert.Null(ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Inconclusive), Now.AddMinutes(4)));
        var transition = ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Inconclusive), Now.AddMinutes(6));

        Assert.Equal(ReleasePhase.Paused, release.Phase);
        Assert.Equal(100, release.CanaryWeightBps);
        Assert.Contains("inconclusive", transition!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyAnalysis_InconclusiveWithFailAction_RollsBack()
    {
        var release = NewRelease(new ReleasePlan { InconclusiveAction = InconclusiveAction.Fail, InconclusiveLimit = 2 });
        ReleaseStateMachine.EnterStep(release, 0, "controller", "go", Now);

        ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Inconclusive), Now.AddMinutes(2));
        ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Inconclusive), Now.AddMinutes(4));

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
    }

    [Fact]
    public void ApplyAnalysis_PausedPass_StaysOnStep()
    {
        var release = NewRelease();
        ReleaseStateMachine.EnterStep(release, 1, "controller", "go", Now);
        ReleaseStateMachine.Move(release, ReleasePhase.Paused, release.CanaryWeightBps, "ops@example", "hold", Now);

        ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Pass), Now.AddMinutes(2));

        Assert.Equal(ReleasePhase.Paused, release.Phase);
        Assert.Equal(1, release.CurrentStep);
        Assert.Equal(Now.AddMinutes(4), release.WindowEnd.ToDateTimeOffset());
    }

    [Fact]
    public void ApplyAnalysis_ManualPromotion_WaitsPausedAfterLastStep()
    {
        var release = NewRelease(new ReleasePlan { ManualPromotion = true });
        ReleaseStateMachine.EnterStep(release, 4, "controller", "go", Now);

        ReleaseStateMachine.ApplyAnalysis(release, Window(Verdict.Pass), Now.AddMinutes(2));

        Assert.Equal(ReleasePhase.Paused, release.Phase);
        Assert.Equal(10000, release.CanaryWeightBps);
    }

    private static Release NewRelease(ReleasePlan? plan = null)
    {
        var effective = ReleasePlans.Effective(plan, new ReleaseControllerOptions());
        return ReleaseStateMachine.Create("rel_1", new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green }, effective, Slot.Blue, "v21", "ops@example", Now);
    }

    private static Analysis Window(Verdict verdict) => new() { Verdict = verdict };
}

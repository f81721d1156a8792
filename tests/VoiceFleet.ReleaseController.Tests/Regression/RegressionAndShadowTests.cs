using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders;
using VoiceFleet.ReleaseController.Tests.Support;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Regression;

/// <summary>
/// The pre-rollout regression and the shadow comparison against real gRPC slots running forged voices
/// through the ONNX Runtime, compared by the real Encoders service.
/// </summary>
[Collection(ForgedModels.Name)]
public sealed class RegressionAndShadowTests(ForgedModels models) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("voicefleet-rc-regression-").FullName;
    private readonly ManualTimeProvider _clock = new();
    private readonly List<IAsyncDisposable> _running = [];
    private RunningService? _encoders;

    public async Task InitializeAsync()
    {
        _encoders = await RunningService.StartAsync(EncodersApp.Build, [$"--Encoders:ModelStoreRoot={models.Root}", $"--Encoders:Storage:SqlitePath={Path.Join(_directory, "encoders.db")}", "--Encoders:MaxConcurrentEncodes=2"]);
        _running.Add(_encoders);
    }

    public async Task DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_running))
        {
            await service.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Release_HealthyCandidate_RegressionPassesThenShadowPassesAndPromotes()
    {
        var client = await StartFleetAsync("v23");

        var release = (await client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = OneStepPlan(), Actor = "alice" })).Release;
        Assert.Equal(ReleasePhase.PreRollout, release.Phase);
        var progressing = await Eventually.GetAsync(async () => (await client.GetStatusAsync(new GetStatusRequest())).Release, r => r.Phase != ReleasePhase.PreRollout, "the regression", 60);
        var runs = await client.ListEvaluationRunsAsync(new ListEvaluationRunsRequest { ReleaseId = release.ReleaseId });

        Assert.True(progressing.Phase == ReleasePhase.Progressing, progressing.OutcomeReason + string.Join("; ", runs.Runs.SelectMany(r => r.Gates).Select(g => g.Message)));
        var run = Assert.Single(runs.Runs);
        Assert.Equal(run.RunId, progressing.PrePolloutRunId());
        Assert.Equal(Verdict.Pass, run.Verdict);
        Assert.Equal(("v23", "v21"), (run.CandidateModelVersion, run.BaselineModelVersion));
        Assert.Equal(8, run.Metrics.Count);
        Assert.Equal("all", run.Metrics[^1].Emotion);
        Assert.Equal(21, run.Items.Count);
        Assert.All(run.Items, i => Assert.True(File.Exists(Path.Join(run.ArtifactDir, i.CandidateAudioPath)) && File.Exists(Path.Join(run.ArtifactDir, i.BaselineAudioPath))));
        Assert.InRange(run.Metrics[^1].SpeakerSimilarity, 0.75, 1);
        Assert.Equal(64, run.Parameters["golden_set_sha256"].Length);

        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
        var done = await Eventually.GetAsync(async () => (await client.GetStatusAsync(new GetStatusRequest { ReleaseId = release.ReleaseId })).Release, r => r.Phase != ReleasePhase.Progressing, "the shadowed window", 60);
        var gates = done.Analyses.Single().Gates;
        Assert.True(done.Phase == ReleasePhase.Promoted, string.Join("; ", gates.Select(g => $"{g.Gate} {g.Verdict} {g.Message}")));
        Assert.Equal(Verdict.Pass, gates.Single(g => g.Gate == GateKind.SpeakerSimilarity).Verdict);
        Assert.Equal(Verdict.Pass, gates.Single(g => g.Gate == GateKind.EmotionAgreement).Verdict);
        Assert.Equal(10, gates.Single(g => g.Gate == GateKind.SpeakerSimilarity).CanarySamples);
    }

    [Fact]
    public async Task Release_DriftedTimbre_RegressionFailsBeforeAnyTraffic()
    {
        var client = await StartFleetAsync("v-drift");
        using var watch = client.WatchRouting(new WatchRoutingRequest());
        var weights = new List<int>();
        var watching = Task.Run(async () =>
        {
            while (await watch.ResponseStream.MoveNext())
            {
                lock (weights)
                {
                    weights.Add(watch.ResponseStream.Current.Routing.CanaryWeightBps);
                }
            }
        });

        // Measured with preset ava over emotional golden items: v23 vs v21 ≈ 0.95, v-drift vs v21 ≈ 0.87, so the
        // proto's default minimum (0.75) lets this drift through; 0.92 separates them.
        var plan = OneStepPlan();
        plan.Gates.MinSpeakerSimilarity = 0.92;
        var release = (await client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v-drift", CanarySlot = Slot.Green, Plan = plan })).Release;
        var done = await Eventually.GetAsync(async () => (await client.GetStatusAsync(new GetStatusRequest { ReleaseId = release.ReleaseId })).Release, r => r.Phase != ReleasePhase.PreRollout, "the regression", 60);
        var run = (await client.ListEvaluationRunsAsync(new ListEvaluationRunsRequest { ModelVersion = "v-drift", OmitItems = true })).Runs.Single();

        Assert.True(done.Phase == ReleasePhase.RolledBack, string.Join("; ", run.Gates.Select(g => $"{g.Gate} {g.Verdict} {g.Message}")));
        Assert.Equal(GateKind.SpeakerSimilarity, done.Transitions[^1].FailedGate);
        Assert.Contains("pre-rollout regression failed", done.OutcomeReason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, run.Verdict);
        Assert.Empty(run.Items);
        Assert.True(run.Metrics[^1].SpeakerSimilarity < 0.92, $"similarity {run.Metrics[^1].SpeakerSimilarity}");
        lock (weights)
        {
            Assert.All(weights, w => Assert.Equal(0, w));
        }
    }

    private static ReleasePlan OneStepPlan()
    {
        // Measured on the forged voices (ItemsPerEmotion=3): v23 vs v21 speaker similarity ≈ 0.95, emotion
        // agreement of v23 ≈ 0.7–0.8 (v21 ≈ 0.9), RTF ratios noisy on two shared cores: thresholds for those two
        // are loosened here; the drift test needs only the speaker gate.
        var plan = new ReleasePlan { Gates = new GateThresholds { MinEmotionAgreement = 0.5, MaxP95RtfRatio = 4 } };
        plan.Steps.Add(new ReleaseStep { CanaryWeightBps = 10000, ObservationWindow = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(30)) });
        return plan;
    }

    private async Task<ReleaseControlClient> StartFleetAsync(string canaryVersion)
    {
        var (blue, _) = await ForgedSlot.StartAsync(models, "v21");
        _running.Add(blue);
        var (green, _) = await ForgedSlot.StartAsync(models, canaryVersion);
        _running.Add(green);
        var controller = await ControllerHost.StartAsync(
            Path.Join(_directory, $"rc-{Guid.NewGuid():N}.db"),
            _clock,
            new ScriptedMetrics(),
            $"--ReleaseController:Slots:Blue:GrpcUrl={blue.GrpcAddress}",
            $"--ReleaseController:Slots:Green:GrpcUrl={green.GrpcAddress}",
            $"--ReleaseController:Shadow:EncodersUrl={_encoders!.GrpcAddress}",
            "--ReleaseController:Shadow:SamplesPerWindow=10",
            "--ReleaseController:Regression:ItemsPerEmotion=3",
            "--ReleaseController:Regression:Voice=ava",
            $"--ReleaseController:Regression:ArtifactsDirectory={Path.Join(_directory, "artifacts")}");
        _running.Add(controller);
        return new ReleaseControlClient(controller.Channel);
    }
}

internal static class ReleaseExtensions
{
    public static string PrePolloutRunId(this Release release) => release.PreRolloutRunId;
}

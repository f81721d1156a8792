using Google.Protobuf.WellKnownTypes;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.ReleaseController.Tests.Support;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Storage;

/// <summary>The store's guarantees, on SQLite and on PostgreSQL 15.</summary>
public abstract class ReleaseStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private protected IReleaseStore Store { get; set; } = null!;

    private protected abstract Task<IReleaseStore> CreateAsync();

    public virtual async Task InitializeAsync()
    {
        Store = await CreateAsync();
        await Store.InitializeAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task Save_ReleaseWithRouting_RoundTripsAndRefusesStaleVersion()
    {
        await Store.SaveRoutingAsync(Routing(1, 0), CancellationToken.None);
        var release = Release("rel_a", ReleasePhase.Progressing);
        var version = await Store.SaveAsync(new ReleaseWrite(release, 0, Routing(2, 100)), CancellationToken.None);

        var stored = await Store.GetActiveReleaseAsync(CancellationToken.None);
        var routing = await Store.GetRoutingAsync(CancellationToken.None);
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.SaveAsync(new ReleaseWrite(release, version - 1, null), CancellationToken.None));
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.SaveRoutingAsync(Routing(2, 500), CancellationToken.None));

        Assert.Equal(release, stored!.Release);
        Assert.Equal(version, stored.Version);
        Assert.Equal((2, 100), (routing!.Revision, routing.CanaryWeightBps));
    }

    [Fact]
    public async Task Save_SecondActiveRelease_Conflict()
    {
        await Store.SaveAsync(new ReleaseWrite(Release("rel_a", ReleasePhase.Progressing), 0, null), CancellationToken.None);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.SaveAsync(new ReleaseWrite(Release("rel_b", ReleasePhase.PreRollout), 0, null), CancellationToken.None));
        await Store.SaveAsync(new ReleaseWrite(Release("rel_c", ReleasePhase.Aborted), 0, null), CancellationToken.None);
    }

    [Fact]
    public async Task EvaluationRuns_SavedRun_ListedByVersionWithOrWithoutItems()
    {
        var run = new EvaluationRun { RunId = "eval_1", ReleaseId = "rel_a", CandidateModelVersion = "v23", BaselineModelVersion = "v21", StartTime = Timestamp.FromDateTimeOffset(Now), Verdict = Verdict.Pass, ArtifactDir = "/tmp/x" };
        run.Parameters.Add("seed", "7");
        run.Metrics.Add(new EvaluationMetrics { Emotion = "happy", Items = 5, SpeakerSimilarity = 0.9 });
        run.Items.Add(new EvaluationItem { ItemId = "zh-happy-1", CandidateAudioPath = "zh-happy-1.candidate.wav" });
        await Store.SaveEvaluationRunAsync(run, CancellationToken.None);

        var full = await Store.ListEvaluationRunsAsync(null, "v21", omitItems: false, 10, null, CancellationToken.None);
        var lean = await Store.ListEvaluationRunsAsync("rel_a", null, omitItems: true, 10, null, CancellationToken.None);
        var none = await Store.ListEvaluationRunsAsync(null, "v99", omitItems: false, 10, null, CancellationToken.None);

        Assert.Equal(run, Assert.Single(full));
        Assert.Empty(Assert.Single(lean).Items);
        Assert.Empty(none);
    }

    [Fact]
    public async Task SaveListeningRatings_OneTrial_RoundTripsAndRefusesRatingItTwice()
    {
        ListeningRating Row(string id, Track track, string version, int naturalness, bool preferred, long at) =>
            new(id, "rel_l", "trial_1", track, version, "k-listener", naturalness, 4, preferred, "zh-happy-1", "happy", at);
        ListeningRating[] trial = [Row("r1", Track.Stable, "v21", 3, false, 10), Row("r2", Track.Canary, "v23", 5, true, 10)];

        await Store.SaveListeningRatingsAsync(trial, CancellationToken.None);
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.SaveListeningRatingsAsync([Row("r3", Track.Stable, "v21", 1, false, 11)], CancellationToken.None));
        var stored = await Store.ListListeningRatingsAsync("rel_l", CancellationToken.None);

        Assert.Equal(trial, stored.OrderBy(r => r.RatingId, StringComparer.Ordinal));
        Assert.Empty(await Store.ListListeningRatingsAsync("rel_other", CancellationToken.None));
    }

    private static Release Release(string id, ReleasePhase phase)
    {
        var release = new Release { ReleaseId = id, ModelVersion = "v23", CanarySlot = Slot.Green, StableSlot = Slot.Blue, Phase = phase, CanaryWeightBps = 100, CreateTime = Timestamp.FromDateTimeOffset(Now), UpdateTime = Timestamp.FromDateTimeOffset(Now) };
        release.Transitions.Add(new Transition { Time = Timestamp.FromDateTimeOffset(Now), ToPhase = phase, Actor = "alice", Reason = "test" });
        var analysis = new Analysis { WindowStart = Timestamp.FromDateTimeOffset(Now), WindowEnd = Timestamp.FromDateTimeOffset(Now), Verdict = Verdict.Pass };
        analysis.Gates.Add(new GateResult { Gate = GateKind.ErrorRatio, Verdict = Verdict.Pass, CanaryValue = double.NaN, Message = "ok" });
        release.Analyses.Add(analysis);
        return release;
    }

    private static RoutingSnapshot Routing(long revision, int weight) =>
        new() { Revision = revision, StableSlot = Slot.Blue, CanarySlot = weight > 0 ? Slot.Green : Slot.Unspecified, CanaryWeightBps = weight, UpdateTime = Timestamp.FromDateTimeOffset(Now) };
}

public sealed class SqliteReleaseStoreTests : ReleaseStoreTests
{
    private readonly string _path = ControllerHost.NewDatabase();

    private protected override Task<IReleaseStore> CreateAsync() => Task.FromResult<IReleaseStore>(new SqliteReleaseStore(_path));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        ControllerHost.Delete(_path);
    }
}

public sealed class PostgresReleaseStoreTests(PostgresCluster postgres) : ReleaseStoreTests, IClassFixture<PostgresCluster>
{
    private readonly string _name = $"rc_{Guid.NewGuid():N}";

    private protected override async Task<IReleaseStore> CreateAsync() => new PostgresReleaseStore(await postgres.CreateDatabaseAsync(_name));

    [Fact]
    public async Task TryLead_TwoReplicas_OnlyOneLeadsUntilItGoesAway()
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = _name }.ConnectionString;
        var other = new PostgresReleaseStore(connection);

        Assert.True(await Store.TryLeadAsync(CancellationToken.None));
        Assert.True(await Store.TryLeadAsync(CancellationToken.None));
        Assert.False(await other.TryLeadAsync(CancellationToken.None));
        await Store.DisposeAsync();
        Assert.True(await other.TryLeadAsync(CancellationToken.None));
        await other.DisposeAsync();
        Store = new PostgresReleaseStore(connection);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await postgres.DropDatabaseAsync(_name);
    }
}

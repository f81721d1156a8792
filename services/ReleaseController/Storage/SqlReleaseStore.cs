using System.Data.Common;
using System.Globalization;
using Google.Protobuf;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Storage;

/// <summary>
/// <see cref="IReleaseStore"/> in SQL that SQLite and PostgreSQL both run. Each release is kept whole as
/// its protobuf bytes (the record the API serves) next to indexed columns; transitions and gate results
/// are also written as rows, so they can be queried without decoding releases. A partial unique index
/// allows one active release at a time. Times are Unix milliseconds.
/// </summary>
internal abstract class SqlReleaseStore : IReleaseStore
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public abstract string Description { get; }

    /// <summary>BLOB or BYTEA.</summary>
    protected abstract string BinaryType { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public abstract Task<bool> TryLeadAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public virtual async Task InitializeAsync(CancellationToken cancellationToken)
    {
        string[] statements =
        [
            $"CREATE TABLE IF NOT EXISTS release_routing (id INTEGER PRIMARY KEY, revision BIGINT NOT NULL, updated_at BIGINT NOT NULL, body {BinaryType} NOT NULL)",
            $"CREATE TABLE IF NOT EXISTS release_routing_history (revision BIGINT PRIMARY KEY, updated_at BIGINT NOT NULL, release_id TEXT NOT NULL, body {BinaryType} NOT NULL)",
            $"""
            CREATE TABLE IF NOT EXISTS releases (
                release_id TEXT PRIMARY KEY,
                model_version TEXT NOT NULL,
                canary_slot INTEGER NOT NULL,
                phase INTEGER NOT NULL,
                active INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL,
                body {BinaryType} NOT NULL)
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS releases_one_active ON releases (active) WHERE active = 1",
            "CREATE INDEX IF NOT EXISTS releases_newest ON releases (created_at DESC, release_id DESC)",
            """
            CREATE TABLE IF NOT EXISTS release_transitions (
                release_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                at BIGINT NOT NULL,
                from_phase INTEGER NOT NULL,
                to_phase INTEGER NOT NULL,
                from_weight_bps INTEGER NOT NULL,
                to_weight_bps INTEGER NOT NULL,
                actor TEXT NOT NULL,
                reason TEXT NOT NULL,
                failed_gate INTEGER NOT NULL,
                PRIMARY KEY (release_id, seq))
            """,
            """
            CREATE TABLE IF NOT EXISTS release_gate_results (
                release_id TEXT NOT NULL,
                analysis_seq INTEGER NOT NULL,
                step_index INTEGER NOT NULL,
                window_start BIGINT NOT NULL,
                window_end BIGINT NOT NULL,
                gate INTEGER NOT NULL,
                verdict INTEGER NOT NULL,
                canary_value DOUBLE PRECISION NOT NULL,
                stable_value DOUBLE PRECISION NOT NULL,
                score DOUBLE PRECISION NOT NULL,
                threshold DOUBLE PRECISION NOT NULL,
                canary_samples BIGINT NOT NULL,
                stable_samples BIGINT NOT NULL,
                message TEXT NOT NULL,
                PRIMARY KEY (release_id, analysis_seq, gate))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS evaluation_runs (
                run_id TEXT PRIMARY KEY,
                release_id TEXT NOT NULL,
                candidate_model_version TEXT NOT NULL,
                baseline_model_version TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                verdict INTEGER NOT NULL,
                artifact_dir TEXT NOT NULL,
                parameters TEXT NOT NULL,
                body {BinaryType} NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS evaluation_runs_newest ON evaluation_runs (started_at DESC, run_id DESC)",
            """
            CREATE TABLE IF NOT EXISTS evaluation_metrics (
                run_id TEXT NOT NULL,
                emotion TEXT NOT NULL,
                metrics TEXT NOT NULL,
                PRIMARY KEY (run_id, emotion))
            """,
            """
            CREATE TABLE IF NOT EXISTS listening_ratings (
                rating_id TEXT PRIMARY KEY,
                release_id TEXT NOT NULL,
                trial_id TEXT NOT NULL,
                track INTEGER NOT NULL,
                model_version TEXT NOT NULL,
                rater TEXT NOT NULL,
                naturalness INTEGER NOT NULL,
                emotion_fit INTEGER NOT NULL,
                preferred INTEGER NOT NULL,
                item_id TEXT NOT NULL,
                emotion TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS listening_ratings_release ON listening_ratings (release_id, created_at)",
            "CREATE UNIQUE INDEX IF NOT EXISTS listening_ratings_trial ON listening_ratings (trial_id, track)",
        ];
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var sql in statements)
            {
                await ExecuteAsync(connection, null, sql, [], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<RoutingSnapshot?> GetRoutingAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await QueryAsync(connection, "SELECT body FROM release_routing WHERE id = 1", [], r => RoutingSnapshot.Parser.ParseFrom((byte[])r.GetValue(0)), cancellationToken).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }
    }

    public async Task SaveRoutingAsync(RoutingSnapshot routing, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await WriteRoutingAsync(connection, transaction, routing, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<StoredRelease?> GetActiveReleaseAsync(CancellationToken cancellationToken) =>
        await SingleReleaseAsync("SELECT body, row_version FROM releases WHERE active = 1", [], cancellationToken).ConfigureAwait(false);

    public async Task<StoredRelease?> GetReleaseAsync(string releaseId, CancellationToken cancellationToken) =>
        await SingleReleaseAsync("SELECT body, row_version FROM releases WHERE release_id = @id", [("@id", releaseId)], cancellationToken).ConfigureAwait(false);

    public async Task<StoredRelease?> GetLatestReleaseAsync(CancellationToken cancellationToken) =>
        await SingleReleaseAsync("SELECT body, row_version FROM releases ORDER BY created_at DESC, release_id DESC LIMIT 1", [], cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Release>> ListReleasesAsync(string? modelVersion, int limit, PageCursor? after, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("@limit", (long)limit) };
        if (!string.IsNullOrEmpty(modelVersion))
        {
            where.Add("model_version = @version");
            parameters.Add(("@version", modelVersion));
        }

        if (after is not null)
        {
            where.Add("(created_at < @at OR (created_at = @at AND release_id < @after))");
            parameters.Add(("@at", after.TimeMs));
            parameters.Add(("@after", after.Id));
        }

        var sql = $"SELECT body FROM releases {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY created_at DESC, release_id DESC LIMIT @limit";
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, sql, [.. parameters], r => Release.Parser.ParseFrom((byte[])r.GetValue(0)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> SaveAsync(ReleaseWrite write, CancellationToken cancellationToken)
    {
        var release = write.Release;
        var active = Model.Names.IsTerminal(release.Phase) ? 0L : 1L;
        var newVersion = write.ExpectedVersion + 1;
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                (string, object?)[] columns =
                [
                    ("@id", release.ReleaseId), ("@version", release.ModelVersion), ("@slot", (long)release.CanarySlot), ("@phase", (long)release.Phase),
                    ("@active", active), ("@created", Ms(release.CreateTime)), ("@updated", Ms(release.UpdateTime)), ("@row", newVersion),
                    ("@expected", write.ExpectedVersion), ("@body", release.ToByteArray()),
                ];
                int changed;
                try
                {
                    changed = write.ExpectedVersion == 0
                        ? await ExecuteAsync(
                            connection,
                            transaction,
                            "INSERT INTO releases (release_id, model_version, canary_slot, phase, active, created_at, updated_at, row_version, body) VALUES (@id, @version, @slot, @phase, @active, @created, @updated, @row, @body)",
                            columns,
                            cancellationToken).ConfigureAwait(false)
                        : await ExecuteAsync(
                            connection,
                            transaction,
                            "UPDATE releases SET phase = @phase, active = @active, updated_at = @updated, row_version = @row, body = @body WHERE release_id = @id AND row_version = @expected",
                            columns,
                            cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex) when (IsUniqueViolation(ex))
                {
                    throw new StoreConflictException($"another release is active (storing {release.ReleaseId}): {ex.Message}");
                }

                if (changed != 1)
                {
                    throw new StoreConflictException($"release {release.ReleaseId} changed underneath (expected version {write.ExpectedVersion}).");
                }

                for (var seq = 0; seq < release.Transitions.Count; seq++)
                {
                    var t = release.Transitions[seq];
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO release_transitions (release_id, seq, at, from_phase, to_phase, from_weight_bps, to_weight_bps, actor, reason, failed_gate) VALUES (@id, @seq, @at, @from, @to, @fw, @tw, @actor, @reason, @gate) ON CONFLICT (release_id, seq) DO NOTHING",
                        [
                            ("@id", release.ReleaseId), ("@seq", (long)seq), ("@at", Ms(t.Time)), ("@from", (long)t.FromPhase), ("@to", (long)t.ToPhase),
                            ("@fw", (long)t.FromWeightBps), ("@tw", (long)t.ToWeightBps), ("@actor", t.Actor), ("@reason", t.Reason), ("@gate", (long)t.FailedGate),
                        ],
                        cancellationToken).ConfigureAwait(false);
                }

                for (var seq = 0; seq < release.Analyses.Count; seq++)
                {
                    var a = release.Analyses[seq];
                    foreach (var g in a.Gates)
                    {
                        await ExecuteAsync(
                            connection,
                            transaction,
                            """
                            INSERT INTO release_gate_results (release_id, analysis_seq, step_index, window_start, window_end, gate, verdict, canary_value, stable_value, score, threshold, canary_samples, stable_samples, message)
                            VALUES (@id, @seq, @step, @ws, @we, @gate, @verdict, @cv, @sv, @score, @threshold, @cs, @ss, @message) ON CONFLICT (release_id, analysis_seq, gate) DO NOTHING
                            """,
                            [
                                ("@id", release.ReleaseId), ("@seq", (long)seq), ("@step", (long)a.StepIndex), ("@ws", Ms(a.WindowStart)), ("@we", Ms(a.WindowEnd)),
                                ("@gate", (long)g.Gate), ("@verdict", (long)g.Verdict), ("@cv", Finite(g.CanaryValue)), ("@sv", Finite(g.StableValue)), ("@score", Finite(g.Score)),
                                ("@threshold", Finite(g.Threshold)), ("@cs", g.CanarySamples), ("@ss", g.StableSamples), ("@message", g.Message),
                            ],
                            cancellationToken).ConfigureAwait(false);
                    }
                }

                if (write.Routing is not null)
                {
                    await WriteRoutingAsync(connection, transaction, write.Routing, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return newVersion;
            }
        }
    }

    public async Task SaveEvaluationRunAsync(EvaluationRun run, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var parameters = System.Text.Json.JsonSerializer.Serialize(run.Parameters.ToDictionary(p => p.Key, p => p.Value));
                await ExecuteAsync(
                    connection,
                    transaction,
                    """
                    INSERT INTO evaluation_runs (run_id, release_id, candidate_model_version, baseline_model_version, started_at, verdict, artifact_dir, parameters, body)
                    VALUES (@id, @release, @candidate, @baseline, @at, @verdict, @dir, @parameters, @body)
                    ON CONFLICT (run_id) DO UPDATE SET verdict = excluded.verdict, body = excluded.body, parameters = excluded.parameters
                    """,
                    [
                        ("@id", run.RunId), ("@release", run.ReleaseId), ("@candidate", run.CandidateModelVersion), ("@baseline", run.BaselineModelVersion),
                        ("@at", Ms(run.StartTime)), ("@verdict", (long)run.Verdict), ("@dir", run.ArtifactDir), ("@parameters", parameters), ("@body", run.ToByteArray()),
                    ],
                    cancellationToken).ConfigureAwait(false);
                foreach (var metrics in run.Metrics)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO evaluation_metrics (run_id, emotion, metrics) VALUES (@id, @emotion, @metrics) ON CONFLICT (run_id, emotion) DO UPDATE SET metrics = excluded.metrics",
                        [("@id", run.RunId), ("@emotion", metrics.Emotion), ("@metrics", Json.Format(metrics))],
                        cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<EvaluationRun>> ListEvaluationRunsAsync(string? releaseId, string? modelVersion, bool omitItems, int limit, PageCursor? after, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("@limit", (long)limit) };
        if (!string.IsNullOrEmpty(releaseId))
        {
            where.Add("release_id = @release");
            parameters.Add(("@release", releaseId));
        }

        if (!string.IsNullOrEmpty(modelVersion))
        {
            where.Add("(candidate_model_version = @version OR baseline_model_version = @version)");
            parameters.Add(("@version", modelVersion));
        }

        if (after is not null)
        {
            where.Add("(started_at < @at OR (started_at = @at AND run_id < @after))");
            parameters.Add(("@at", after.TimeMs));
            parameters.Add(("@after", after.Id));
        }

        var sql = $"SELECT body FROM evaluation_runs {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY started_at DESC, run_id DESC LIMIT @limit";
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(
                connection,
                sql,
                [.. parameters],
                r =>
                {
                    var run = EvaluationRun.Parser.ParseFrom((byte[])r.GetValue(0));
                    if (omitItems)
                    {
                        run.Items.Clear();
                    }

                    return run;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SaveListeningRatingsAsync(IReadOnlyList<ListeningRating> ratings, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var r in ratings)
                {
                    try
                    {
                        await ExecuteAsync(
                            connection,
                            transaction,
                            """
                            INSERT INTO listening_ratings (rating_id, release_id, trial_id, track, model_version, rater, naturalness, emotion_fit, preferred, item_id, emotion, created_at)
                            VALUES (@id, @release, @trial, @track, @version, @rater, @naturalness, @fit, @preferred, @item, @emotion, @at)
                            """,
                            [
                                ("@id", r.RatingId), ("@release", r.ReleaseId), ("@trial", r.TrialId), ("@track", (long)r.Track), ("@version", r.ModelVersion), ("@rater", r.Rater),
                                ("@naturalness", (long)r.Naturalness), ("@fit", (long)r.EmotionFit), ("@preferred", r.Preferred ? 1L : 0L), ("@item", r.ItemId), ("@emotion", r.Emotion),
                                ("@at", r.CreatedAtMs),
                            ],
                            cancellationToken).ConfigureAwait(false);
                    }
                    catch (DbException ex) when (IsUniqueViolation(ex))
                    {
                        throw new StoreConflictException($"trial {r.TrialId} is already rated: {ex.Message}");
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<ListeningRating>> ListListeningRatingsAsync(string releaseId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(
                connection,
                "SELECT rating_id, release_id, trial_id, track, model_version, rater, naturalness, emotion_fit, preferred, item_id, emotion, created_at FROM listening_ratings WHERE release_id = @release ORDER BY created_at, rating_id",
                [("@release", releaseId)],
                r => new ListeningRating(
                    r.GetString(0), r.GetString(1), r.GetString(2), (Track)Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), r.GetString(4), r.GetString(5),
                    Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture),
                    Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture) != 0, r.GetString(9), r.GetString(10), Convert.ToInt64(r.GetValue(11), CultureInfo.InvariantCulture)),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True for a unique-constraint violation of the provider.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    private static async Task WriteRoutingAsync(DbConnection connection, DbTransaction transaction, RoutingSnapshot routing, CancellationToken cancellationToken)
    {
        var body = routing.ToByteArray();
        (string, object?)[] parameters = [("@revision", routing.Revision), ("@previous", routing.Revision - 1), ("@at", Ms(routing.UpdateTime)), ("@body", body), ("@release", routing.ReleaseId)];
        var changed = routing.Revision == 1
            ? await ExecuteAsync(connection, transaction, "INSERT INTO release_routing (id, revision, updated_at, body) VALUES (1, @revision, @at, @body) ON CONFLICT (id) DO NOTHING", parameters, cancellationToken).ConfigureAwait(false)
            : await ExecuteAsync(connection, transaction, "UPDATE release_routing SET revision = @revision, updated_at = @at, body = @body WHERE id = 1 AND revision = @previous", parameters, cancellationToken).ConfigureAwait(false);
        if (changed != 1)
        {
            throw new StoreConflictException($"routing revision {routing.Revision - 1} is no longer current.");
        }

        await ExecuteAsync(connection, transaction, "INSERT INTO release_routing_history (revision, updated_at, release_id, body) VALUES (@revision, @at, @release, @body)", parameters, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredRelease?> SingleReleaseAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await QueryAsync(connection, sql, parameters, r => new StoredRelease(Release.Parser.ParseFrom((byte[])r.GetValue(0)), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }
    }

    private static long Ms(Google.Protobuf.WellKnownTypes.Timestamp? time) => time is null ? 0 : time.ToDateTimeOffset().ToUnixTimeMilliseconds();

    // NaN cannot be stored as a NOT NULL number in every provider the same way; the body keeps the exact value.
    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, (string, object?)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var command = Command(connection, null, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(read(reader));
                }

                return rows;
            }
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

#pragma warning disable CA2100 // every statement is built from constants of this class; values travel as parameters
    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            if (!sql.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
#pragma warning restore CA2100
}

using System.Data.Common;
using System.Runtime.InteropServices;
using VoiceFleet.Encoders.Caching;

namespace VoiceFleet.Encoders.Storage;

/// <summary>
/// <see cref="IEncodersStore"/> in plain SQL that SQLite and PostgreSQL both run (ON CONFLICT, RETURNING);
/// the subclasses supply connections and the few column types that differ. Times are Unix milliseconds,
/// vectors float32 little-endian blobs.
/// </summary>
internal abstract class SqlEncodersStore : IEncodersStore
{
    public abstract string Description { get; }

    /// <summary>The binary column type: BLOB or BYTEA.</summary>
    protected abstract string BinaryType { get; }

    /// <summary>The audit log's key column: an auto-incrementing integer key.</summary>
    protected abstract string AuditKeyColumn { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public virtual async Task InitializeAsync(CancellationToken cancellationToken)
    {
        string[] statements =
        [
            $"""
            CREATE TABLE IF NOT EXISTS encoder_embeddings (
                content_sha256 TEXT NOT NULL,
                encoder_version TEXT NOT NULL,
                kind INTEGER NOT NULL,
                vector {BinaryType} NOT NULL,
                probabilities {BinaryType} NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (content_sha256, encoder_version, kind))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS voices (
                voice_id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                language TEXT NOT NULL,
                transcript TEXT NOT NULL,
                consent_speaker TEXT NOT NULL,
                consent_time BIGINT NOT NULL,
                consent_evidence_ref TEXT NOT NULL,
                consent_scope TEXT NOT NULL,
                consent_recorded_by TEXT NOT NULL,
                quality {BinaryType} NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                audio_sha256 TEXT NOT NULL,
                audio {BinaryType} NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS voices_newest ON voices (created_at DESC, voice_id DESC)",
            $"""
            CREATE TABLE IF NOT EXISTS encoder_audit (
                {AuditKeyColumn},
                at BIGINT NOT NULL,
                caller TEXT NOT NULL,
                action TEXT NOT NULL,
                voice_id TEXT NULL,
                content_sha256 TEXT NULL,
                detail TEXT NOT NULL)
            """,
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

    public async Task<CachedEmbedding?> GetEmbeddingAsync(EmbeddingKey key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT vector, probabilities FROM encoder_embeddings WHERE content_sha256 = @sha AND encoder_version = @version AND kind = @kind", KeyParameters(key));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    var vector = Floats((byte[])reader.GetValue(0));
                    var probabilities = reader.IsDBNull(1) ? null : Floats((byte[])reader.GetValue(1));
                    return new CachedEmbedding(vector, probabilities);
                }
            }
        }
    }

    public async Task PutEmbeddingAsync(EmbeddingKey key, CachedEmbedding embedding, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            (string, object?)[] parameters =
            [
                .. KeyParameters(key),
                ("@vector", Bytes(embedding.Values)),
                ("@probabilities", embedding.Probabilities is null ? null : Bytes(embedding.Probabilities)),
                ("@at", createdAt.ToUnixTimeMilliseconds()),
            ];
            await ExecuteAsync(
                connection,
                null,
                "INSERT INTO encoder_embeddings (content_sha256, encoder_version, kind, vector, probabilities, created_at) VALUES (@sha, @version, @kind, @vector, @probabilities, @at) ON CONFLICT (content_sha256, encoder_version, kind) DO NOTHING",
                parameters,
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task InsertVoiceAsync(StoredVoice voice, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(
                connection,
                null,
                """
                INSERT INTO voices (voice_id, name, language, transcript, consent_speaker, consent_time, consent_evidence_ref, consent_scope, consent_recorded_by, quality, created_at, created_by, audio_sha256, audio)
                VALUES (@id, @name, @language, @transcript, @speaker, @consent_time, @evidence, @scope, @recorded_by, @quality, @created_at, @created_by, @sha, @audio)
                """,
                [
                    ("@id", voice.VoiceId), ("@name", voice.Name), ("@language", voice.Language), ("@transcript", voice.Transcript),
                    ("@speaker", voice.ConsentSpeaker), ("@consent_time", voice.ConsentTime.ToUnixTimeMilliseconds()),
                    ("@evidence", voice.ConsentEvidenceRef), ("@scope", voice.ConsentScope), ("@recorded_by", voice.ConsentRecordedBy),
                    ("@quality", voice.Quality), ("@created_at", voice.CreateTime.ToUnixTimeMilliseconds()), ("@created_by", voice.CreatedBy),
                    ("@sha", voice.AudioSha256), ("@audio", voice.Audio),
                ],
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<StoredVoice?> GetVoiceAsync(string voiceId, bool includeAudio, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var voices = await QueryVoicesAsync(connection, $"SELECT {VoiceColumns(includeAudio)} FROM voices WHERE voice_id = @id", [("@id", voiceId)], includeAudio, cancellationToken).ConfigureAwait(false);
            return voices.Count == 0 ? null : voices[0];
        }
    }

    public async Task<IReadOnlyList<StoredVoice>> ListVoicesAsync(int limit, VoiceCursor? after, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var where = after is null ? string.Empty : "WHERE created_at < @at OR (created_at = @at AND voice_id < @id) ";
            (string, object?)[] parameters = after is null ? [("@limit", (long)limit)] : [("@limit", (long)limit), ("@at", after.CreatedAtMs), ("@id", after.VoiceId)];
            return await QueryVoicesAsync(connection, $"SELECT {VoiceColumns(false)} FROM voices {where}ORDER BY created_at DESC, voice_id DESC LIMIT @limit", parameters, false, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<(StoredVoice Voice, IReadOnlyList<EmbeddingKey> Embeddings)?> DeleteVoiceAsync(string voiceId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var voices = await QueryVoicesAsync(connection, $"DELETE FROM voices WHERE voice_id = @id RETURNING {VoiceColumns(false)}", [("@id", voiceId)], false, cancellationToken, transaction).ConfigureAwait(false);
                if (voices.Count == 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return null;
                }

                var keys = new List<EmbeddingKey>();
                var command = Command(connection, transaction, "DELETE FROM encoder_embeddings WHERE content_sha256 = @sha RETURNING content_sha256, encoder_version, kind", [("@sha", voices[0].AudioSha256)]);
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            keys.Add(new EmbeddingKey(reader.GetString(0), reader.GetString(1), (EmbeddingKind)Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (voices[0], keys);
            }
        }
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(
                connection,
                null,
                "INSERT INTO encoder_audit (at, caller, action, voice_id, content_sha256, detail) VALUES (@at, @caller, @action, @voice, @sha, @detail)",
                [("@at", entry.Time.ToUnixTimeMilliseconds()), ("@caller", entry.Caller), ("@action", entry.Action), ("@voice", entry.VoiceId), ("@sha", entry.ContentSha256), ("@detail", entry.Detail)],
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT at, caller, action, voice_id, content_sha256, detail FROM encoder_audit ORDER BY id DESC LIMIT @limit", [("@limit", (long)limit)]);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var entries = new List<AuditEntry>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        entries.Add(new AuditEntry(
                            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                            reader.GetString(1),
                            reader.GetString(2),
                            reader.IsDBNull(3) ? null : reader.GetString(3),
                            reader.IsDBNull(4) ? null : reader.GetString(4),
                            reader.GetString(5)));
                    }

                    return entries;
                }
            }
        }
    }

    public abstract ValueTask DisposeAsync();

    private static string VoiceColumns(bool includeAudio) =>
        "voice_id, name, language, transcript, consent_speaker, consent_time, consent_evidence_ref, consent_scope, consent_recorded_by, quality, created_at, created_by, audio_sha256"
        + (includeAudio ? ", audio" : string.Empty);

    private static async Task<List<StoredVoice>> QueryVoicesAsync(DbConnection connection, string sql, (string, object?)[] parameters, bool includeAudio, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var voices = new List<StoredVoice>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    voices.Add(new StoredVoice
                    {
                        VoiceId = reader.GetString(0),
                        Name = reader.GetString(1),
                        Language = reader.GetString(2),
                        Transcript = reader.GetString(3),
                        ConsentSpeaker = reader.GetString(4),
                        ConsentTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                        ConsentEvidenceRef = reader.GetString(6),
                        ConsentScope = reader.GetString(7),
                        ConsentRecordedBy = reader.GetString(8),
                        Quality = (byte[])reader.GetValue(9),
                        CreateTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                        CreatedBy = reader.GetString(11),
                        AudioSha256 = reader.GetString(12),
                        Audio = includeAudio ? (byte[])reader.GetValue(13) : [],
                    });
                }

                return voices;
            }
        }
    }

    private static (string, object?)[] KeyParameters(EmbeddingKey key) =>
        [("@sha", key.ContentSha256), ("@version", key.EncoderVersion), ("@kind", (long)key.Kind)];

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

#pragma warning disable CA2100 // every statement is a constant of this class; values travel as parameters
    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                parameter.DbType = name is "@probabilities" ? System.Data.DbType.Binary : System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }
#pragma warning restore CA2100

    private static byte[] Bytes(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static float[] Floats(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}

using System.Data.Common;
using Npgsql;

namespace VoiceFleet.ReleaseController.Storage;

/// <summary>
/// The fleet store: PostgreSQL through one pooled Npgsql data source. Of several replicas, the one
/// holding a session advisory lock on a dedicated connection leads; the others stand by.
/// </summary>
internal sealed class PostgresReleaseStore(string connectionString) : SqlReleaseStore
{
    /// <summary>The advisory lock key ("VFRC" as an integer).</summary>
    private const long LeaderLockKey = 0x56465243;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _leaderGate = new(1, 1);
    private NpgsqlConnection? _leaderConnection;

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"postgres {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    protected override string BinaryType => "BYTEA";

    public override async Task<bool> TryLeadAsync(CancellationToken cancellationToken)
    {
        await _leaderGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_leaderConnection is not null)
            {
                try
                {
                    // Still holding it as long as the session is alive.
                    await using var ping = new NpgsqlCommand("SELECT 1", _leaderConnection);
                    await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (NpgsqlException)
                {
                    await _leaderConnection.DisposeAsync().ConfigureAwait(false);
                    _leaderConnection = null;
                }
            }

            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LeaderLockKey);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                _leaderConnection = connection;
                return true;
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            _leaderGate.Release();
        }
    }

    protected override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask DisposeAsync()
    {
        if (_leaderConnection is not null)
        {
            // Hand the lead over now: the server drops a session lock only once the backend has
            // exited, which a standby asking right after our close could otherwise still find held.
            try
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _leaderConnection);
                unlock.Parameters.AddWithValue("key", LeaderLockKey);
                await unlock.ExecuteScalarAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                // The session is gone already, and its lock with it.
            }

            await _leaderConnection.DisposeAsync().ConfigureAwait(false);
        }

        _leaderGate.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}

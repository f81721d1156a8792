using System.Data.Common;
using Npgsql;

namespace VoiceFleet.Encoders.Storage;

/// <summary>The fleet store: PostgreSQL through one pooled Npgsql data source.</summary>
internal sealed class PostgresEncodersStore(string connectionString) : SqlEncodersStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"postgres {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    protected override string BinaryType => "BYTEA";

    protected override string AuditKeyColumn => "id BIGSERIAL PRIMARY KEY";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);
}

using System.Diagnostics;

namespace VoiceFleet.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster on 127.0.0.1, started by deploy/local/postgres.sh for the tests that
/// use it and stopped (and deleted) when they are done.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _directory = Path.Join(Path.GetTempPath(), $"voicefleet-pg-{Guid.NewGuid():N}");

    public PostgresCluster()
    {
        ConnectionString = Run("start").Trim();
    }

    /// <summary>Npgsql connection string of the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string name)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        Run("stop");
        Directory.Delete(_directory, recursive: true);
    }

    private string Run(string command)
    {
        var start = new ProcessStartInfo("bash", [RepoPaths.Combine("deploy", "local", "postgres.sh"), command, _directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/local/postgres.sh {command} failed ({process.ExitCode}): {error}");
        }

        return output;
    }
}

using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Encoders.Configuration;

/// <summary>Where enrolled voices, persistent embeddings and the audit log live; configuration section <c>Encoders:Storage</c>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Encoders:Storage";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres)$", ErrorMessage = "Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; empty = <c>~/.local/share/voicefleet/encoders.db</c> (the user's local application data).</summary>
    public string SqlitePath { get; set; } = string.Empty;

    /// <summary>The PostgreSQL connection string (Npgsql syntax), required with <c>Provider=postgres</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>True when the provider is PostgreSQL.</summary>
    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite file in use: <see cref="SqlitePath"/> or the default.</summary>
    public string ResolvedSqlitePath => string.IsNullOrWhiteSpace(SqlitePath)
        ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "voicefleet", "encoders.db")
        : Path.GetFullPath(SqlitePath);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("ConnectionString is required when Provider is 'postgres'.", [nameof(ConnectionString)]);
        }

        if (IsPostgres && !string.IsNullOrWhiteSpace(ConnectionString))
        {
            string? problem = null;
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            }
            catch (ArgumentException ex)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                yield return new ValidationResult($"ConnectionString is not a valid PostgreSQL connection string: {problem}", [nameof(ConnectionString)]);
            }
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.ReleaseController.Configuration;

/// <summary>Where releases, routing and evaluation runs live; configuration section <c>ReleaseController:Storage</c>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReleaseController:Storage";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres)$", ErrorMessage = "Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite file; empty = <c>~/.local/share/voicefleet/release-controller.db</c>.</summary>
    public string SqlitePath { get; set; } = string.Empty;

    /// <summary>The PostgreSQL connection string (Npgsql syntax); required with <c>Provider=postgres</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>True when the provider is PostgreSQL.</summary>
    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite file in use.</summary>
    public string ResolvedSqlitePath => string.IsNullOrWhiteSpace(SqlitePath)
        ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "voicefleet", "release-controller.db")
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

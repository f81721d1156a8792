using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>API keys; section <c>Gateway:Auth</c>.</summary>
internal sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Auth";

    /// <summary>Require an API key on every proxied request. Off only for a closed test network: every request then acts with every role.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The keys file (JSON, hashes only; see docs/gateway.md), re-read when it changes. Empty = none.</summary>
    public string KeysFile { get; set; } = "";

    /// <summary>Keys given in configuration (for example <c>VOICEFLEET__Gateway__Auth__Keys__0__Sha256</c>), in addition to the file.</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>How often the keys file is checked for changes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (ApiKeyEntry.Check(Keys[i]) is { } problem)
            {
                yield return new ValidationResult($"Keys:{i}: {problem}", [nameof(Keys)]);
            }
        }
    }
}

using System.ComponentModel.DataAnnotations;
using System.Net;

namespace VoiceFleet.Hosting.ServiceDefaults;

/// <summary>
/// Where a service listens and how it stops; configuration section <c>Service</c>
/// (environment: <c>VOICEFLEET__Service__GrpcPort</c> and so on).
/// </summary>
public sealed class ServiceOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Service";

    /// <summary>Address to bind both ports to; loopback by default, <c>0.0.0.0</c> in containers.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The h2c (HTTP/2 cleartext) port for gRPC; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 5001;

    /// <summary>The HTTP/1.1 port for REST, <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8081;

    /// <summary>How long a stopping service waits for calls in flight before it ends them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a stopping service keeps accepting calls after it reports NOT_SERVING, so load
    /// balancers and probes see it leave before connections close.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Console log format: <c>simple</c> (one line per entry, for people) or <c>json</c> (for collectors).</summary>
    [RegularExpression("^(?i)(simple|json)$", ErrorMessage = "LogFormat must be 'simple' or 'json'.")]
    public string LogFormat { get; set; } = "simple";

    /// <summary>
    /// The process id of a supervisor (such as <c>voicefleet up</c>); when that process is gone the
    /// service stops itself, so a killed supervisor never leaves services behind. 0 = none.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ParentProcessId { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult($"BindAddress '{BindAddress}' is not an IP address.", [nameof(BindAddress)]);
        }

        if (GrpcPort != 0 && GrpcPort == HttpPort)
        {
            yield return new ValidationResult($"GrpcPort and HttpPort must differ (both {GrpcPort}).", [nameof(GrpcPort), nameof(HttpPort)]);
        }

        if (DrainDelay > TimeSpan.Zero && DrainDelay >= ShutdownTimeout)
        {
            yield return new ValidationResult(
                $"DrainDelay ({DrainDelay}) must be shorter than ShutdownTimeout ({ShutdownTimeout}): the drain delay is spent inside the shutdown timeout.",
                [nameof(DrainDelay), nameof(ShutdownTimeout)]);
        }
    }
}

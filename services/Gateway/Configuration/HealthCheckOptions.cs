using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>Active gRPC health checks of the synthesis slots; section <c>Gateway:HealthChecks</c>.</summary>
internal sealed class HealthCheckOptions
{
    public const string SectionName = "Gateway:HealthChecks";

    /// <summary>Time between two <c>grpc.health.v1.Health/Check</c> probes of a slot.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deadline of one probe.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed probes in a row that mark a slot unhealthy (a failed proxied request marks it at once).</summary>
    [Range(1, 100)]
    public int UnhealthyThreshold { get; set; } = 2;
}

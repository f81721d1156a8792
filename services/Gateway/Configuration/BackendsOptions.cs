using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>Where the services behind the gateway listen (their h2c gRPC ports); section <c>Gateway:Backends</c>.</summary>
internal sealed class BackendsOptions
{
    public const string SectionName = "Gateway:Backends";

    /// <summary>The text frontend, e.g. <c>http://127.0.0.1:7010</c>.</summary>
    [Required, AbsoluteHttpUrl]
    public string Frontend { get; set; } = "";

    /// <summary>The encoders.</summary>
    [Required, AbsoluteHttpUrl]
    public string Encoders { get; set; } = "";

    /// <summary>The release controller: proxied for its API and console, and watched for routing.</summary>
    [Required, AbsoluteHttpUrl]
    public string ReleaseController { get; set; } = "";
}

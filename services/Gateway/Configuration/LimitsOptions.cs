using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>Request limits and proxy timeouts; section <c>Gateway:Limits</c>.</summary>
internal sealed class LimitsOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>Largest request body on any route, in bytes (also Kestrel's limit on the gateway's ports).</summary>
    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Largest synthesis request, in bytes. Synthesis requests are one message each and are buffered whole
    /// before they are sent, so the gateway can check for inline reference audio and resend them to stable.
    /// </summary>
    [Range(1024, 256L * 1024 * 1024)]
    public int MaxSynthesisRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest silence on a proxied request or response before it is ended (streams can be long, silence should not).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long opening a connection to a backend may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Rpc.Server;

/// <summary>Limits and behaviour of the gRPC server; bound from configuration section <c>Grpc:Server</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Grpc:Server";

    /// <summary>Largest request message accepted, in bytes; larger ones fail with RESOURCE_EXHAUSTED.</summary>
    [Range(1, int.MaxValue)]
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes; larger ones fail with RESOURCE_EXHAUSTED.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Puts exception types and messages of unhandled handler errors into <c>grpc-message</c>.
    /// Off by default so internals never leak to callers.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Compresses responses with this algorithm (only <c>gzip</c>) when the caller accepts it; null sends them uncompressed.</summary>
    [RegularExpression("^gzip$", ErrorMessage = "ResponseCompressionAlgorithm must be 'gzip' or unset.")]
    public string? ResponseCompressionAlgorithm { get; set; }
}

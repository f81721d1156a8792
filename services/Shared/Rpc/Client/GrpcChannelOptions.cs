using Microsoft.Extensions.Logging;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.Rpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes (default 4 MiB).</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent, in bytes (default 4 MiB).</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Compress request messages with gzip.</summary>
    public bool CompressRequests { get; set; }

    /// <summary>Retries of UNAVAILABLE for idempotent calls.</summary>
    public GrpcRetryOptions Retry { get; set; } = new();

    /// <summary>A deadline applied to calls that set none; null means calls may run indefinitely.</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary>The HTTP handler to send through; by default a <c>SocketsHttpHandler</c> tuned for gRPC.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Disposes <see cref="HttpHandler"/> with the channel.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>The clock for deadlines and backoff.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where client metrics go; services pass their host's instance.</summary>
    public RpcMetrics? Metrics { get; set; }

    /// <summary>Logging for the channel.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The user-agent sent with every call.</summary>
    public string UserAgent { get; set; } = "voicefleet-dotnet/1.0";
}

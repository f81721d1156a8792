using Microsoft.Extensions.Logging;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.Rpc.Server;

/// <summary>What every call handler shares: limits, clock, metrics and logging.</summary>
internal sealed record ServerCallHandlerOptions(GrpcServerOptions Server, TimeProvider TimeProvider, RpcMetrics Metrics, ILogger Logger);

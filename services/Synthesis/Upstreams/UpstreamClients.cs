using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Diagnostics;
using VoiceFleet.Synthesis.Configuration;

namespace VoiceFleet.Synthesis.Upstreams;

/// <summary>
/// The channels to the Frontend and the Encoders. Their read methods are idempotent in the contracts, so the
/// channel retries them on UNAVAILABLE with backoff and jitter (Polly); every call carries the request's remaining
/// deadline and its cancellation.
/// </summary>
internal sealed class UpstreamClients : IDisposable
{
    private readonly GrpcChannel frontendChannel;
    private readonly GrpcChannel encodersChannel;

    public UpstreamClients(IOptions<SynthesisOptions> options, RpcMetrics metrics, ILoggerFactory loggerFactory, TimeProvider time)
    {
        GrpcChannel Open(string url) => GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            Metrics = metrics,
            LoggerFactory = loggerFactory,
            TimeProvider = time,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            MaxSendMessageSize = 16 * 1024 * 1024,
            Retry = new GrpcRetryOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) },
        });

        frontendChannel = Open(options.Value.FrontendUrl);
        encodersChannel = Open(options.Value.EncodersUrl);
        Frontend = new TextFrontendClient(frontendChannel);
        Encoders = new EncodersClient(encodersChannel);
    }

    public TextFrontendClient Frontend { get; }

    public EncodersClient Encoders { get; }

    public void Dispose()
    {
        frontendChannel.Dispose();
        encodersChannel.Dispose();
    }
}

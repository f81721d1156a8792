using System.Net;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>
/// One HTTP/2 client per backend, reused for every request: h2c with prior knowledge
/// (<see cref="HttpVersionPolicy.RequestVersionExact"/>), several connections when one connection's
/// stream limit is reached, no proxy, no redirects, no cookies, no decompression.
/// </summary>
internal sealed class BackendClients : IDisposable
{
    private readonly HttpMessageInvoker[] _clients;
    private readonly string[] _prefixes;

    public BackendClients(IOptions<BackendsOptions> backends, IOptions<SlotsOptions> slots, IOptions<LimitsOptions> limits)
    {
        var settings = limits.Value;
        RequestConfig = new ForwarderRequestConfig
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            ActivityTimeout = settings.ActivityTimeout,
            AllowResponseBuffering = false,
        };

        // Indexed by Destination.
        _prefixes =
        [
            Prefix(backends.Value.Frontend),
            Prefix(backends.Value.Encoders),
            Prefix(backends.Value.ReleaseController),
            Prefix(slots.Value.Blue),
            Prefix(slots.Value.Green),
        ];
        _clients = [.. _prefixes.Select(_ => new HttpMessageInvoker(CreateHandler(settings), disposeHandler: true))];
    }

    public ForwarderRequestConfig RequestConfig { get; }

    public (string Prefix, HttpMessageInvoker Client) For(BackendService backend) => backend switch
    {
        BackendService.Frontend => Get(0),
        BackendService.Encoders => Get(1),
        BackendService.ReleaseControl => Get(2),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Synthesis goes to a slot."),
    };

    public (string Prefix, HttpMessageInvoker Client) For(Slot slot) => slot == Slot.Green ? Get(4) : Get(3);

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private (string, HttpMessageInvoker) Get(int index) => (_prefixes[index], _clients[index]);

    private static string Prefix(string url) => url.TrimEnd('/');

    private static SocketsHttpHandler CreateHandler(LimitsOptions settings) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = settings.ConnectTimeout,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),

        // The client's traceparent is copied as it is; the gateway adds no span of its own to the wire.
        ActivityHeadersPropagator = null,

        // Synthesis streams audio: a larger window keeps a fast backend from waiting on WINDOW_UPDATEs.
        InitialHttp2StreamWindowSize = 1024 * 1024,
    };
}

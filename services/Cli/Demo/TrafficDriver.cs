using System.Collections.Concurrent;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Demo;

/// <summary>
/// Synthetic users: a few concurrent clients send unary <c>Synthesize</c> calls through the gateway, each as one of
/// many users (<c>x-user-id</c>), with short texts and mixed emotions, at most <c>maxRequestsPerSecond</c> in all
/// (below the key's rate limit). Every request is recorded with the track and version that served it; no request is
/// retried, so every failure a user would see is counted.
/// </summary>
internal sealed class TrafficDriver : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;
    private readonly string _apiKey;
    private readonly IReadOnlyList<TrafficText> _texts;
    private readonly int _clients;
    private readonly int _users;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<TrafficRecord> _records = new();
    private readonly Lock _paceGate = new();
    private DateTimeOffset _nextSend;
    private CancellationTokenSource? _stop;
    private Task? _running;
    private volatile bool _paused;

    public TrafficDriver(Uri gateway, string apiKey, IReadOnlyList<TrafficText> texts, int clients, int users, double maxRequestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRequestsPerSecond);
        _channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions { Retry = new GrpcRetryOptions { MaxAttempts = 1 }, TimeProvider = time });
        _apiKey = apiKey;
        _texts = texts;
        _clients = clients;
        _users = users;
        _interval = TimeSpan.FromSeconds(1 / maxRequestsPerSecond);
        _time = time;
    }

    /// <summary>Every request so far, in completion order.</summary>
    public IReadOnlyList<TrafficRecord> Records => [.. _records];

    /// <summary>Requests completed so far.</summary>
    public int Count => _records.Count;

    /// <summary>Holds new requests (those in flight finish) until <see cref="Resume"/>.</summary>
    public void Pause() => _paused = true;

    public void Resume() => _paused = false;

    public void Start(CancellationToken cancellationToken)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("the traffic is already running.");
        }

        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _nextSend = _time.GetUtcNow();
        _running = Task.WhenAll(Enumerable.Range(0, _clients).Select(i => Task.Run(() => ClientAsync(i, _stop.Token), CancellationToken.None)));
    }

    /// <summary>Stops sending and waits for the requests in flight.</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _running is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _running = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop?.Dispose();
        _channel.Dispose();
    }

    private async Task ClientAsync(int index, CancellationToken cancellationToken)
    {
        var random = new Random(7919 * (index + 1));
        var client = new SynthesisClient(_channel);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PaceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var user = $"user-{random.Next(_users):D4}";
            var text = _texts[random.Next(_texts.Count)];
            _records.Enqueue(await SendAsync(client, user, text, random.Next(), cancellationToken).ConfigureAwait(false));
        }
    }

    // One request every interval across all clients, so the key's rate limit is never what fails a request.
    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        while (_paused)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset at;
        lock (_paceGate)
        {
            var now = _time.GetUtcNow();
            at = _nextSend > now ? _nextSend : now;
            _nextSend = at + _interval;
        }

        var wait = at - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TrafficRecord> SendAsync(SynthesisClient client, string user, TrafficText text, int seed, CancellationToken cancellationToken)
    {
        var request = new SynthesizeRequest
        {
            Text = text.Text,
            Language = text.Language,
            Emotion = new EmotionSpec { Label = text.Emotion },
            Seed = (ulong)seed,
        };
        var headers = new Metadata { { "authorization", "Bearer " + _apiKey }, { "x-user-id", user } };
        var start = _time.GetUtcNow();

        // The request runs to its end even when the traffic stops: a user's request is not cut off by the demo.
        using var call = client.SynthesizeAsync(request, new CallOptions(headers, Deadline: start.UtcDateTime + CallTimeout, Idempotent: false, CancellationToken: CancellationToken.None));
        try
        {
            var response = await call.ResponseAsync.ConfigureAwait(false);
            return new TrafficRecord(start, _time.GetUtcNow(), user, TrackName(response.Info.Track), response.Info.ModelVersion, "OK", null);
        }
        catch (RpcException ex)
        {
            var track = Header(ex.Trailers, "x-voicefleet-track") ?? await HeaderAsync(call, "x-voicefleet-track").ConfigureAwait(false) ?? "none";
            var version = Header(ex.Trailers, "x-voicefleet-model-version") ?? await HeaderAsync(call, "x-voicefleet-model-version").ConfigureAwait(false) ?? string.Empty;
            return new TrafficRecord(start, _time.GetUtcNow(), user, track, version, CodeName(ex.StatusCode), ex.Status.Detail);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or InvalidOperationException)
        {
            // Not a gRPC status: the client never got an answer. Counted as a failure the user saw; the client goes on.
            return new TrafficRecord(start, _time.GetUtcNow(), user, "none", string.Empty, "CLIENT_" + ex.GetType().Name.ToUpperInvariant(), ex.Message);
        }
    }

    private static async Task<string?> HeaderAsync(AsyncUnaryCall<SynthesizeResponse> call, string key)
    {
        try
        {
            return Header(await call.ResponseHeadersAsync.ConfigureAwait(false), key);
        }
        catch (RpcException)
        {
            return null;
        }
    }

    private static string? Header(Metadata? metadata, string key) => metadata?.GetValue(key) is { Length: > 0 } value ? value : null;

    private static string TrackName(Track track) => track switch
    {
        Track.Canary => "canary",
        Track.Stable => "stable",
        _ => "none",
    };

    /// <summary>The gRPC code name as the metrics write it (<c>FAILED_PRECONDITION</c>).</summary>
    public static string CodeName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}

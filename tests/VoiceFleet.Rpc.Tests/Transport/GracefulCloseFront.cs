using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace VoiceFleet.Rpc.Tests.Transport;

/// <summary>
/// A TCP front for a loopback gRPC server whose first <c>turnAway</c> connections behave like a server shutting down
/// gracefully at the worst moment: it answers the client's SETTINGS, and when the first request's HEADERS arrive it
/// sends GOAWAY (NO_ERROR, last stream id 2^31-1, "more may come") and closes the connection without answering.
/// Later connections are piped to the real server untouched.
/// </summary>
internal sealed class GracefulCloseFront : IAsyncDisposable
{
    private const int FrameHeaderSize = 9;
    private const byte HeadersFrame = 0x1;
    private const byte SettingsFrame = 0x4;
    private const byte GoAwayFrame = 0x7;
    private const byte AckFlag = 0x1;
    private static readonly int PrefaceLength = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".Length;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _backendPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _turnAwayLeft;
    private int _connectionCount;

    public GracefulCloseFront(int backendPort, int turnAway)
    {
        _backendPort = backendPort;
        _turnAwayLeft = turnAway;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_acceptLoop, .. _connections]).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connectionCount);
            var turnAway = Interlocked.Decrement(ref _turnAwayLeft) >= 0;
            lock (_connections)
            {
                _connections.Add(turnAway ? TurnAwayAsync(client) : PipeAsync(client));
            }
        }
    }

    private async Task TurnAwayAsync(Socket client)
    {
        using var _ = client;
        using var stream = new NetworkStream(client, ownsSocket: false);
        try
        {
            await stream.ReadExactlyAsync(new byte[PrefaceLength], _stop.Token);
            await stream.WriteAsync(Frame(SettingsFrame, 0, []), _stop.Token);
            var header = new byte[FrameHeaderSize];
            while (true)
            {
                await stream.ReadExactlyAsync(header, _stop.Token);
                var length = (header[0] << 16) | (header[1] << 8) | header[2];
                await stream.ReadExactlyAsync(new byte[length], _stop.Token);
                if (header[3] == SettingsFrame && (header[4] & AckFlag) == 0)
                {
                    await stream.WriteAsync(Frame(SettingsFrame, AckFlag, []), _stop.Token);
                }
                else if (header[3] == HeadersFrame)
                {
                    var goAway = new byte[8];
                    BinaryPrimitives.WriteInt32BigEndian(goAway, int.MaxValue);
                    await stream.WriteAsync(Frame(GoAwayFrame, 0, goAway), _stop.Token);
                    client.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or EndOfStreamException)
        {
            // The client went first, or the test is over.
        }
    }

    private async Task PipeAsync(Socket client)
    {
        using var _ = client;
        using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await backend.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _backendPort), _stop.Token);
            using var clientStream = new NetworkStream(client, ownsSocket: false);
            using var backendStream = new NetworkStream(backend, ownsSocket: false);
            var up = clientStream.CopyToAsync(backendStream, _stop.Token);
            var down = backendStream.CopyToAsync(clientStream, _stop.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // One side closed, or the test is over.
        }
    }

    private static byte[] Frame(byte type, byte flags, byte[] payload)
    {
        var frame = new byte[FrameHeaderSize + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        payload.CopyTo(frame, FrameHeaderSize);
        return frame;
    }
}

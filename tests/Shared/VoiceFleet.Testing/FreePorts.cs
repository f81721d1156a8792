using System.Net;
using System.Net.Sockets;

namespace VoiceFleet.Testing;

/// <summary>Finds loopback ports nobody listens on, for processes that need fixed ports up front.</summary>
public static class FreePorts
{
    /// <summary>
    /// A base port such that base+offset is free for every offset in <paramref name="offsets"/>.
    /// Tried at random in 20000–59999 so parallel test runs rarely collide.
    /// </summary>
    public static int FindBase(IReadOnlyCollection<int> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = Random.Shared.Next(2000, 6000) * 10;
            if (offsets.All(o => IsFree(candidate + o)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No free range of loopback ports found after 200 tries.");
    }

    /// <summary>A loopback port the OS just handed out and released: free now, and nothing listens on it.</summary>
    public static int Any()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when nothing listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

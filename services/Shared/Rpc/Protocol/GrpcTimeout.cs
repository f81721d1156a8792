using System.Globalization;

namespace VoiceFleet.Rpc.Protocol;

/// <summary>
/// The <c>grpc-timeout</c> header: at most eight ASCII digits followed by a unit
/// (H hours, M minutes, S seconds, m milliseconds, u microseconds, n nanoseconds).
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>The longest wait a timer supports (about 49.7 days); longer deadlines are treated as none.</summary>
    public static readonly TimeSpan MaxTimerDuration = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Parses a header value; false when it is malformed.</summary>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var amount = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long ticks;
        switch (value[^1])
        {
            case 'H': ticks = amount * TimeSpan.TicksPerHour; break;
            case 'M': ticks = amount * TimeSpan.TicksPerMinute; break;
            case 'S': ticks = amount * TimeSpan.TicksPerSecond; break;
            case 'm': ticks = amount * TimeSpan.TicksPerMillisecond; break;
            case 'u': ticks = amount * 10; break;
            // A TimeSpan tick is 100 ns; round up so a 1 ns timeout is not a zero (infinite) one.
            case 'n': ticks = (amount + 99) / 100; break;
            default: return false;
        }

        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats <paramref name="timeout"/> in the finest unit whose value fits in eight digits.</summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }

        var ticks = timeout.Ticks;
        var nanos = ticks <= long.MaxValue / 100 ? ticks * 100 : long.MaxValue;
        if (nanos <= MaxValue)
        {
            return Invariant(nanos, 'n');
        }

        // Round up so the peer never sees a deadline earlier than ours.
        var micros = (ticks + 9) / 10;
        if (micros <= MaxValue)
        {
            return Invariant(micros, 'u');
        }

        var millis = (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        if (millis <= MaxValue)
        {
            return Invariant(millis, 'm');
        }

        var seconds = (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        if (seconds <= MaxValue)
        {
            return Invariant(seconds, 'S');
        }

        var minutes = (ticks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute;
        if (minutes <= MaxValue)
        {
            return Invariant(minutes, 'M');
        }

        var hours = Math.Min(MaxValue, (ticks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour);
        return Invariant(hours, 'H');
    }

    private static string Invariant(long value, char unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}

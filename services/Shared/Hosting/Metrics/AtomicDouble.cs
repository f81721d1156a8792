namespace VoiceFleet.Hosting.Metrics;

/// <summary>Lock-free arithmetic on a shared double.</summary>
internal static class AtomicDouble
{
    /// <summary>Adds <paramref name="value"/> to <paramref name="location"/> with a compare-and-swap loop.</summary>
    public static void Add(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + value, current);

            // Compare bits, not values: with NaN stored, '==' would never succeed and the loop never end.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }
}

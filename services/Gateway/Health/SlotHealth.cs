using Microsoft.Extensions.Logging;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Diagnostics;
using VoiceFleet.Gateway.Routing;

namespace VoiceFleet.Gateway.Health;

/// <summary>
/// Health of the two synthesis slots, from active probes (<see cref="SlotHealthMonitor"/>) and passive
/// signals (a proxied request that could not reach the slot marks it unhealthy at once). A slot starts
/// healthy, so traffic flows before the first probe; an unhealthy slot needs a successful probe to return.
/// </summary>
internal sealed class SlotHealth(ILogger<SlotHealth> logger)
{
    // Index 1 = blue, 2 = green (the Slot enum values); 1 = healthy.
    private readonly int[] _healthy = [1, 1, 1];
    private readonly int[] _failures = new int[3];

    public bool IsHealthy(Slot slot) => (uint)slot < 3 && Volatile.Read(ref _healthy[(int)slot]) == 1;

    /// <summary>A probe answered SERVING.</summary>
    public void ProbeSucceeded(Slot slot)
    {
        Interlocked.Exchange(ref _failures[(int)slot], 0);
        if (Interlocked.Exchange(ref _healthy[(int)slot], 1) == 0)
        {
            GatewayLog.SlotHealthy(logger, SlotName.Of(slot));
        }
    }

    /// <summary>A probe failed; <paramref name="threshold"/> failures in a row mark the slot unhealthy.</summary>
    public void ProbeFailed(Slot slot, int threshold, string reason)
    {
        if (Interlocked.Increment(ref _failures[(int)slot]) >= threshold)
        {
            MarkUnhealthy(slot, reason);
        }
    }

    /// <summary>A proxied request could not reach the slot.</summary>
    public void RequestFailed(Slot slot, string reason) => MarkUnhealthy(slot, reason);

    private void MarkUnhealthy(Slot slot, string reason)
    {
        if (Interlocked.Exchange(ref _healthy[(int)slot], 0) == 1)
        {
            GatewayLog.SlotUnhealthy(logger, SlotName.Of(slot), reason);
        }
    }
}

using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Gateway.Routing;

/// <summary>
/// The routing in force: an immutable snapshot, replaced whole (never edited) when the controller
/// sends a new one, so a request that read it once routes consistently however the routing changes.
/// </summary>
/// <param name="Revision">The controller's revision; 0 for the built-in all-stable routing.</param>
/// <param name="Stable">The stable slot.</param>
/// <param name="Canary">The canary slot, or <see cref="Slot.Unspecified"/> when no release is active.</param>
/// <param name="CanaryWeightBps">Canary share, 0..10000 basis points (0 without a canary slot).</param>
/// <param name="StableVersion">The model version of the stable slot, or empty.</param>
/// <param name="CanaryVersion">The model version of the canary slot, or empty.</param>
/// <param name="ReleaseId">The active release, or empty; it salts the sticky bucket.</param>
internal sealed record RoutingTable(long Revision, Slot Stable, Slot Canary, int CanaryWeightBps, string StableVersion, string CanaryVersion, string ReleaseId)
{
    /// <summary>Everything to blue, the routing of a gateway that never heard from the controller.</summary>
    public static readonly RoutingTable AllStable = new(0, Slot.Blue, Slot.Unspecified, 0, "", "", "");

    public bool HasCanary => Canary != Slot.Unspecified;

    /// <summary>The model version a slot runs, or empty.</summary>
    public string VersionOf(Slot slot) => slot == Stable ? StableVersion : slot == Canary ? CanaryVersion : "";

    /// <summary>
    /// The table for a controller snapshot. A snapshot without a stable slot means blue; a canary slot
    /// equal to stable, or none, means no canary; the weight is clamped to 0..10000.
    /// </summary>
    public static RoutingTable From(RoutingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var stable = snapshot.StableSlot == Slot.Unspecified ? Slot.Blue : snapshot.StableSlot;
        var canary = snapshot.CanarySlot == stable ? Slot.Unspecified : snapshot.CanarySlot;
        var weight = canary == Slot.Unspecified ? 0 : Math.Clamp(snapshot.CanaryWeightBps, 0, StickyBucket.Buckets);
        string Version(Slot slot) => slot == Slot.Unspecified ? "" : snapshot.SlotVersions.FirstOrDefault(v => v.Slot == slot)?.ModelVersion ?? "";
        return new RoutingTable(snapshot.Revision, stable, canary, weight, Version(stable), Version(canary), snapshot.ReleaseId);
    }
}

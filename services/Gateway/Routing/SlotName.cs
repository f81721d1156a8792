using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Gateway.Routing;

/// <summary>Slot names in logs and metric labels.</summary>
internal static class SlotName
{
    public static string Of(Slot slot) => slot switch
    {
        Slot.Blue => "blue",
        Slot.Green => "green",
        _ => "unspecified",
    };
}

using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class WatermarkPayloadTests
{
    [Fact]
    public void Compose_PutsTheModelTagOnTopAndTheRequestTagBelow()
    {
        uint payload = WatermarkPayload.Compose("v23", "3f2a9c");

        Assert.Equal(WatermarkPayload.ModelTag("v23"), WatermarkPayload.ModelTagOf(payload));
        Assert.Equal(WatermarkPayload.RequestTag("3f2a9c"), WatermarkPayload.RequestTagOf(payload));
        Assert.InRange(WatermarkPayload.ModelTag("v23"), 0u, 4095u);
        Assert.InRange(WatermarkPayload.RequestTag("3f2a9c"), 0u, (1u << 20) - 1);
        Assert.True(WatermarkPayload.IsFromModelVersion(payload, "v23"));
        Assert.False(WatermarkPayload.IsFromModelVersion(payload, "v21"));
    }

    [Fact]
    public void Compose_IsStableAcrossProcesses()
    {
        // SHA-256, not string.GetHashCode: these values must never change, or old marks stop matching.
        Assert.Equal(0x11Eu, WatermarkPayload.ModelTag("v21"));
        Assert.Equal(0x24722u, WatermarkPayload.RequestTag("request-1"));
        Assert.Equal(0x11E24722u, WatermarkPayload.Compose("v21", "request-1"));
    }

    [Fact]
    public void Compose_EmptyOrNull_Throws()
    {
        Assert.Throws<ArgumentException>("modelVersion", () => WatermarkPayload.Compose("", "r"));
        Assert.Throws<ArgumentNullException>("modelVersion", () => WatermarkPayload.Compose(null!, "r"));
        Assert.Throws<ArgumentException>("requestId", () => WatermarkPayload.Compose("v21", ""));
    }
}

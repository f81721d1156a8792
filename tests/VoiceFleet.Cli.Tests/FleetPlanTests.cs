using VoiceFleet.Cli.Fleet;
using Xunit;

namespace VoiceFleet.Cli.Tests;

public sealed class FleetPlanTests
{
    [Fact]
    public void Create_DefaultSlots_OneProcessPerServiceAndSlotOnConsecutivePorts()
    {
        var plan = FleetPlan.Create("blue=v21,green=v23", canary: "green", portBase: 7000);

        Assert.Equal(
            ["gateway", "frontend", "encoders", "synthesis-blue", "synthesis-green", "release-controller"],
            plan.Members.Select(m => m.Name));
        Assert.Equal([7000, 7010, 7020, 7030, 7040, 7050], plan.Members.Select(m => m.GrpcPort));
        Assert.Equal([7001, 7011, 7021, 7031, 7041, 7051], plan.Members.Select(m => m.HttpPort));
        Assert.Equal(7000, plan.Gateway.GrpcPort);
    }

    [Fact]
    public void Create_CanaryGreen_SlotsGetVersionAndTrack()
    {
        var plan = FleetPlan.Create("blue=v21,green=v23", canary: "green", portBase: 7000);

        var green = plan.Members.Single(m => m.Name == "synthesis-green");
        var blue = plan.Members.Single(m => m.Name == "synthesis-blue");
        Assert.Equal("v23", green.Settings["Synthesis:ModelVersion"]);
        Assert.Equal("canary", green.Settings["Synthesis:Track"]);
        Assert.Equal("stable", blue.Settings["Synthesis:Track"]);
    }

    [Theory]
    [InlineData("blue", "slot=version")]
    [InlineData("red=v1", "unknown slot 'red'")]
    [InlineData("blue=v1,blue=v2", "twice")]
    [InlineData("", "at least one slot")]
    public void ParseSlots_Malformed_ThrowsNamingTheProblem(string spec, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => FleetPlan.ParseSlots(spec));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CanaryNotASlot_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => FleetPlan.Create("blue=v21", canary: "green", portBase: 7000));

        Assert.Contains("--canary 'green'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(65500)]
    public void Create_PortBaseOutOfRange_Throws(int portBase)
    {
        Assert.Throws<ArgumentException>(() => FleetPlan.Create("blue=v21", canary: null, portBase: portBase));
    }
}

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
    public void Create_TwoSlots_EachSlotGetsItsNameAndVersion()
    {
        var plan = FleetPlan.Create("blue=v21,green=v23", canary: "green", portBase: 7000);

        var green = plan.Members.Single(m => m.Name == "synthesis-green");
        var blue = plan.Members.Single(m => m.Name == "synthesis-blue");
        Assert.Equal(("green", "v23"), (green.Settings["Synthesis:Slot"], green.Settings["Synthesis:ModelVersion"]));
        Assert.Equal(("blue", "v21"), (blue.Settings["Synthesis:Slot"], blue.Settings["Synthesis:ModelVersion"]));
    }

    [Fact]
    public void Create_WithStorage_GivesTheEncodersTheModelStoreAndADatabaseInTheDataDirectory()
    {
        var plan = FleetPlan.Create("blue=v21", canary: null, portBase: 7000, new FleetStorage("/srv/models", "/srv/fleet"));

        var encoders = plan.Members.Single(m => m.Name == "encoders");
        Assert.Equal("/srv/models", encoders.Settings["Encoders:ModelStoreRoot"]);
        Assert.Equal(Path.Join("/srv/fleet", "encoders.db"), encoders.Settings["Encoders:Storage:SqlitePath"]);
    }

    [Fact]
    public void Create_WithStorage_GivesEachSynthesisSlotTheStoreAndItsUpstreams()
    {
        var plan = FleetPlan.Create("blue=v21,green=v23", canary: null, portBase: 7000, new FleetStorage("/srv/models", "/srv/fleet"));

        foreach (var (slot, version) in new[] { ("blue", "v21"), ("green", "v23") })
        {
            var synthesis = plan.Members.Single(m => m.Name == "synthesis-" + slot);
            Assert.Equal("/srv/models", synthesis.Settings["Synthesis:ModelStoreRoot"]);
            Assert.Equal(version, synthesis.Settings["Synthesis:ModelVersion"]);
            Assert.Equal("http://127.0.0.1:7010", synthesis.Settings["Synthesis:FrontendUrl"]);
            Assert.Equal("http://127.0.0.1:7020", synthesis.Settings["Synthesis:EncodersUrl"]);
        }

        Assert.Equal("/srv/models", plan.Members.Single(m => m.Name == "frontend").Settings["Frontend:ModelStoreRoot"]);
    }

    [Fact]
    public void Default_BuiltInACheckout_UsesItsArtifactsFolder()
    {
        var storage = FleetStorage.Default();

        // The test assembly sits in .artifacts/bin/<project>/<configuration>/, as the CLI does.
        Assert.EndsWith(Path.Join(".artifacts", "models"), storage.ModelsDirectory, StringComparison.Ordinal);
        Assert.EndsWith(Path.Join(".artifacts", "fleet"), storage.DataDirectory, StringComparison.Ordinal);
    }

    [Fact]
    public void StopOrder_FullFleet_GatewayFirstDependenciesLastEveryMemberOnce()
    {
        var plan = FleetPlan.Create("blue=v21,green=v23", canary: null, portBase: 7000);

        var order = plan.StopOrder.Select(g => g.Select(m => m.Name).Order().ToArray()).ToArray();

        Assert.Equal(["gateway"], order[0]);
        Assert.Equal(["release-controller"], order[1]);
        Assert.Equal(["synthesis-blue", "synthesis-green"], order[2]);
        Assert.Equal(["encoders", "frontend"], order[3]);
        Assert.Equal(plan.Members.Count, plan.StopOrder.Sum(g => g.Count));
    }

    [Fact]
    public void Create_CanaryIsOnlySlot_ThrowsAskingForAStableSlot()
    {
        var ex = Assert.Throws<ArgumentException>(() => FleetPlan.Create("green=v23", canary: "green", portBase: 7000));

        Assert.Contains("needs another slot", ex.Message, StringComparison.Ordinal);
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

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.Health;
using VoiceFleet.Gateway.Routing;
using VoiceFleet.Gateway.Tests.Support;

namespace VoiceFleet.Gateway.Tests.Routing;

public sealed class TrackSelectorTests
{
    private static readonly RoutingTable Half = RoutingTable.From(ControllerServer.Snapshot(3, 5000));

    [Fact]
    public void Choose_WeightZero_AlwaysStable()
    {
        var selector = Selector();
        var table = RoutingTable.From(ControllerServer.Snapshot(1, 0));

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(Track.Stable, selector.Choose(table, Headers(("x-user-id", $"u{i}")), Track.Unspecified, "key").Track);
        }
    }

    [Fact]
    public void Choose_FullWeight_CanarySlot()
    {
        var decision = Selector().Choose(RoutingTable.From(ControllerServer.Snapshot(1, 10_000)), Headers(), Track.Unspecified, "key");

        Assert.Equal(new TrackDecision(Track.Canary, Slot.Green, TrackReason.Bucket), decision);
    }

    [Fact]
    public void Choose_NoUserHeader_BucketOfTheKeyId()
    {
        var selector = Selector();
        var byKey = selector.Choose(Half, Headers(), Track.Unspecified, "key-7");
        var byUser = selector.Choose(Half, Headers(("x-user-id", "key-7")), Track.Unspecified, "other");

        Assert.Equal(byUser.Track, byKey.Track);
    }

    [Fact]
    public void Choose_TesterOverride_WinsOverBucket()
    {
        var selector = Selector();
        var table = RoutingTable.From(ControllerServer.Snapshot(1, 0));

        Assert.Equal(Track.Canary, selector.Choose(table, Headers(), Track.Canary, "key").Track);
        Assert.Equal(Slot.Green, selector.Choose(table, Headers(), Track.Canary, "key").Slot);
        Assert.Equal(Track.Stable, selector.Choose(RoutingTable.From(ControllerServer.Snapshot(1, 10_000)), Headers(), Track.Stable, "key").Track);
    }

    [Fact]
    public void Choose_NoCanarySlot_OverrideToCanaryStaysStable()
    {
        var decision = Selector().Choose(RoutingTable.AllStable, Headers(), Track.Canary, "key");

        Assert.Equal(new TrackDecision(Track.Stable, Slot.Blue, TrackReason.NoCanary), decision);
    }

    [Fact]
    public void Choose_RegionRule_OnlyAllowedRegionsReachCanary()
    {
        var options = new RoutingOptions { CanaryRules = [new TrackRuleOptions { Header = "x-region", AllowedValues = ["eu-west"] }] };
        var selector = Selector(options);
        var all = RoutingTable.From(ControllerServer.Snapshot(1, 10_000));

        Assert.Equal(Track.Canary, selector.Choose(all, Headers(("x-region", "EU-WEST")), Track.Unspecified, "k").Track);
        Assert.Equal(new TrackDecision(Track.Stable, Slot.Blue, TrackReason.Rule), selector.Choose(all, Headers(("x-region", "us-east")), Track.Unspecified, "k"));
        Assert.Equal(TrackReason.Rule, selector.Choose(all, Headers(), Track.Unspecified, "k").Reason);
    }

    [Fact]
    public void Choose_CanaryUnhealthy_StableWithReason()
    {
        var health = new SlotHealth(NullLogger<SlotHealth>.Instance);
        health.RequestFailed(Slot.Green, "test");
        var selector = new TrackSelector(Options.Create(new RoutingOptions()), health);

        var decision = selector.Choose(RoutingTable.From(ControllerServer.Snapshot(1, 10_000)), Headers(), Track.Unspecified, "k");

        Assert.Equal(new TrackDecision(Track.Stable, Slot.Blue, TrackReason.CanaryUnhealthy), decision);
        health.ProbeSucceeded(Slot.Green);
        Assert.Equal(Track.Canary, selector.Choose(RoutingTable.From(ControllerServer.Snapshot(1, 10_000)), Headers(), Track.Unspecified, "k").Track);
    }

    [Fact]
    public void RoutingTableFrom_CanaryEqualsStable_NoCanaryAndWeightZero()
    {
        var table = RoutingTable.From(ControllerServer.Snapshot(4, 7000, stable: Slot.Green, canary: Slot.Green));

        Assert.False(table.HasCanary);
        Assert.Equal(0, table.CanaryWeightBps);
        Assert.Equal(Slot.Green, table.Stable);
        Assert.Equal("v2", table.StableVersion);
    }

    [Fact]
    public void RoutingTableFrom_WeightOutOfRange_Clamped()
    {
        Assert.Equal(10_000, RoutingTable.From(ControllerServer.Snapshot(1, 20_000)).CanaryWeightBps);
        Assert.Equal(0, RoutingTable.From(ControllerServer.Snapshot(1, -5)).CanaryWeightBps);
    }

    [Fact]
    public void RoutingStateUpdate_Swapped_ChangeTokenFires()
    {
        var state = new RoutingState();
        var token = state.ChangeToken;

        state.Update(Half);

        Assert.True(token.HasChanged);
        Assert.Same(Half, state.Current);
        Assert.False(state.ChangeToken.HasChanged);
    }

    private static TrackSelector Selector(RoutingOptions? options = null) =>
        new(Options.Create(options ?? new RoutingOptions()), new SlotHealth(NullLogger<SlotHealth>.Instance));

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }
}

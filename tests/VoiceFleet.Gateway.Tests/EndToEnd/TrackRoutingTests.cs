using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Routing;
using VoiceFleet.Gateway.Tests.Support;
using VoiceFleet.Rpc;

namespace VoiceFleet.Gateway.Tests.EndToEnd;

/// <summary>Track choice through a real gateway to real slot backends, with routing from a real watch.</summary>
public sealed class TrackRoutingTests
{
    [Fact]
    public async Task Synthesize_WeightZero_NoCanaryTraffic()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 0);

        for (var i = 0; i < 200; i++)
        {
            var reply = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize, user: $"user-{i}"));
            Assert.Equal(Slot.Blue, reply.Info.Slot);
            Assert.Equal(Track.Stable, reply.Info.Track);
        }

        Assert.Equal(0, h.Green.Counters.Requests);
    }

    [Fact]
    public async Task Synthesize_Weight2000_TwentyPercentOfUsersOnCanaryAsBucketed()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 2000);
        var users = Enumerable.Range(0, 1000).Select(i => $"e2e-user-{i}").ToArray();

        var tracks = new SynthesisInfo[users.Length];
        await Parallel.ForAsync(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            tracks[i] = (await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize, user: users[i]))).Info);

        var canary = tracks.Count(t => t.Track == Track.Canary);
        var predicted = users.Count(u => StickyBucket.Of("rel-1", u) < 2000);
        Assert.Equal(predicted, canary);
        Assert.InRange(canary, 160, 240);
        Assert.All(tracks, t => Assert.Equal(t.Track == Track.Canary ? Slot.Green : Slot.Blue, t.Slot));
        for (var i = 0; i < users.Length; i++)
        {
            Assert.Equal(StickyBucket.Of("rel-1", users[i]) < 2000, tracks[i].Track == Track.Canary);
        }

        Assert.Equal(canary, h.Green.Counters.Requests);
    }

    [Fact]
    public async Task Synthesize_WeightIncreases_EachUserStaysOnItsTrack()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 1000);
        var users = Enumerable.Range(0, 300).Select(i => $"sticky-{i}").ToArray();
        HashSet<string> canary = [];
        long revision = 1;

        foreach (var weight in (int[])[1000, 2000, 5000, 8000])
        {
            if (weight != 1000)
            {
                await h.SetWeightAsync(++revision, weight);
            }

            for (var round = 0; round < 2; round++)
            {
                foreach (var user in users)
                {
                    var reply = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize, user: user));
                    if (reply.Info.Track == Track.Canary)
                    {
                        canary.Add(user);
                    }
                    else
                    {
                        Assert.DoesNotContain(user, canary); // once on canary, never back while the weight grows
                    }
                }
            }
        }

        Assert.InRange(canary.Count, 200, 280);
    }

    [Fact]
    public async Task Synthesize_TrackOverride_HonouredOnlyForTesters()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 0);

        var tester = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Tester, track: "canary"));
        var plain = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize, track: "canary"));

        Assert.Equal((Slot.Green, Track.Canary), (tester.Info.Slot, tester.Info.Track));
        Assert.Equal((Slot.Blue, Track.Stable), (plain.Info.Slot, plain.Info.Track));

        await h.SetWeightAsync(2, 10_000);
        var testerStable = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Tester, track: "stable"));
        Assert.Equal(Slot.Blue, testerStable.Info.Slot);
    }

    [Fact]
    public async Task Synthesize_Response_CarriesTrackAndModelVersionHeaders()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 10_000);

        using var call = h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize));
        var headers = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal("canary", headers.GetValue("x-voicefleet-track"));
        Assert.Equal("v2", headers.GetValue("x-voicefleet-model-version"));
    }

    [Fact]
    public async Task SynthesizeStream_ThroughGateway_AllMessagesAndTrailers()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 0);

        using var call = h.Synthesis.SynthesizeStream(new SynthesizeRequest { Text = "stream me" }, GatewayHarness.As(h.Keys.Synthesize));
        var messages = new List<SynthesizeStreamResponse>();
        while (await call.ResponseStream.MoveNext())
        {
            messages.Add(call.ResponseStream.Current);
        }

        Assert.Equal(4, messages.Count);
        Assert.Equal("stream me", messages[0].Chunk.Text);
        Assert.Equal(Slot.Blue, messages[3].Summary.Info.Slot);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(TestKeys.IdOf(h.Keys.Synthesize), call.GetTrailers().GetValue("echo-x-voicefleet-caller"));
    }

    [Fact]
    public async Task Synthesize_WeightChangesUnderLoad_NoRequestFails()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 0);
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var done = 0;

        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize, user: $"load-{worker}-{n++ % 50}"));
                    Interlocked.Increment(ref done);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        long revision = 1;
        foreach (var weight in (int[])[100, 500, 2000, 5000, 10_000, 0, 3000])
        {
            await Task.Delay(100);
            await h.SetWeightAsync(++revision, weight);
        }

        await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
        Assert.True(done > 100, $"only {done} requests completed");
        Assert.True(h.Green.Counters.Requests > 0);
    }

    [Fact]
    public async Task Synthesize_CanaryBackendKilled_TrafficGoesToStable()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 5000);
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var afterKill = 0;
        var killed = false;

        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var reply = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize, user: $"kill-{worker}-{n++ % 40}"));
                    if (Volatile.Read(ref killed))
                    {
                        Interlocked.Increment(ref afterKill);
                    }
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        await Task.Delay(200);
        Assert.True(h.Green.Counters.Requests > 0);
        await h.Green.DisposeAsync();
        Volatile.Write(ref killed, true);
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // Requests in flight on the stopping canary drain, the rest are resent to stable or rerouted by health:
        // at most the requests in flight at that instant (one per worker) may fail.
        Assert.InRange(failures, 0, 4);
        Assert.True(afterKill > 50, $"only {afterKill} requests after the kill");
        var metrics = await h.MetricsAsync();
        Assert.Matches("voicefleet_gateway_(health_reroutes|retries_to_stable)_total\\{", metrics);
        var reply = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Tester, track: "canary"));
        Assert.Equal(Slot.Blue, reply.Info.Slot); // even a forced canary request is resent to stable
    }

    [Fact]
    public async Task Gateway_RestartWithControllerDown_KeepsLastRouting()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 0);
        await h.SetWeightAsync(2, 10_000);
        await h.Controller.DisposeAsync();

        await h.RestartGatewayAsync(h.Controller.GrpcAddress);

        Assert.Equal(2, h.Routing.Current.Revision);
        var reply = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize, user: "anyone"));
        Assert.Equal((Slot.Green, Track.Canary, "v2"), (reply.Info.Slot, reply.Info.Track, reply.Info.ModelVersion));
    }

    [Fact]
    public async Task Gateway_ControllerNeverSeen_EverythingToBlue()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 10_000);
        await h.Controller.DisposeAsync();
        File.Delete(h.StatePath);

        await h.RestartGatewayAsync(h.Controller.GrpcAddress);

        Assert.Equal(0, h.Routing.Current.Revision);
        var reply = await h.Synthesis.SynthesizeAsync(new SynthesizeRequest { Text = "hi" }, GatewayHarness.As(h.Keys.Synthesize));
        Assert.Equal((Slot.Blue, Track.Stable), (reply.Info.Slot, reply.Info.Track));
    }

    [Fact]
    public async Task Gateway_ControllerComesBack_WatchResumes()
    {
        await using var h = await GatewayHarness.StartAsync(canaryWeightBps: 0);
        var address = h.Controller.GrpcAddress;
        await h.Controller.DisposeAsync();

        await using var revived = await ControllerServer.StartAsync(ControllerServer.Snapshot(7, 10_000), address.Port);
        await h.WaitForRevisionAsync(7);

        Assert.Equal(10_000, h.Routing.Current.CanaryWeightBps);
    }
}

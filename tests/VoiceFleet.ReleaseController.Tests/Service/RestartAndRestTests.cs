using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Tests.Support;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Service;

public sealed class RestartAndRestTests : IDisposable
{
    private readonly string _database = ControllerHost.NewDatabase();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => ControllerHost.Delete(_database);

    [Fact]
    public async Task Restart_MidStep_ResumesSameWindowAndPromotesOnce()
    {
        Release started;
        long revisionBefore;
        await using (var first = await ControllerHost.StartAsync(_database, _clock, new ScriptedMetrics(), ControllerHost.DeclaredSlots))
        {
            var client = new ReleaseControlClient(first.Channel);
            started = (await client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = ControllerHost.QuickPlan(steps: 2) })).Release;
            await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(30));
            var stepped = await Eventually.GetAsync(async () => (await client.GetStatusAsync(new GetStatusRequest())).Release, r => r.CanaryWeightBps == 10000, "step 2");
            revisionBefore = (await client.GetStatusAsync(new GetStatusRequest())).Routing.Revision;
            _clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(ReleasePhase.Progressing, stepped.Phase);
        }

        // A new process on the same store: same step, same window end, routing intact.
        var metrics = new ScriptedMetrics();
        await using var second = await ControllerHost.StartAsync(_database, _clock, metrics, ControllerHost.DeclaredSlots);
        var again = new ReleaseControlClient(second.Channel);
        var resumed = await again.GetStatusAsync(new GetStatusRequest());
        Assert.Equal((started.ReleaseId, 1, 10000), (resumed.Release.ReleaseId, resumed.Release.CurrentStep, resumed.Release.CanaryWeightBps));
        Assert.Equal(revisionBefore, resumed.Routing.Revision);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(20), resumed.Release.WindowEnd.ToDateTimeOffset());

        await _clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(20));
        var promoted = await Eventually.GetAsync(async () => (await again.GetStatusAsync(new GetStatusRequest { ReleaseId = started.ReleaseId })).Release, r => r.Phase == ReleasePhase.Promoted, "promotion");
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(200);
        var final = await again.GetStatusAsync(new GetStatusRequest { ReleaseId = started.ReleaseId });

        Assert.Single(final.Release.Transitions, t => t.ToPhase == ReleasePhase.Promoted);
        Assert.Equal(promoted.Transitions.Count, final.Release.Transitions.Count);
        Assert.Equal(revisionBefore + 1, final.Routing.Revision);
        Assert.Equal(Slot.Green, final.Routing.StableSlot);
        Assert.Equal(1, metrics.Begun);
        Assert.Equal(1, metrics.Collected);
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync(new Uri(second.HttpAddress, "/metrics"));
        Assert.Contains("voicefleet_release_promotions_total{service=\"release-controller\"} 1", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_StartPauseAbortHistoryRouting_JsonAndClearErrors()
    {
        await using var service = await ControllerHost.StartAsync(_database, _clock, new ScriptedMetrics(), ControllerHost.DeclaredSlots);
        using var http = new HttpClient { BaseAddress = service.HttpAddress };
        var plan = Google.Protobuf.JsonFormatter.Default.Format(ControllerHost.QuickPlan());

        using var bad = await http.PostAsync(new Uri("/v1/releases", UriKind.Relative), new StringContent("{\"modelVersion\": \"v23\", \"canarySlot\": \"SLOT_PURPLE\"}", System.Text.Encoding.UTF8, "application/json"));
        using var noCurrent = await http.GetAsync(new Uri("/v1/releases/current", UriKind.Relative));
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v1/releases")
        {
            Content = new StringContent($"{{\"modelVersion\": \"v23\", \"canarySlot\": \"SLOT_GREEN\", \"plan\": {plan}}}", System.Text.Encoding.UTF8, "application/json"),
        };
        start.Headers.Add("x-voicefleet-caller", "key:deploy-bot");
        using var started = await http.SendAsync(start);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("release").GetProperty("releaseId").GetString()!;
        using var conflict = await http.PostAsync(new Uri("/v1/releases", UriKind.Relative), new StringContent("{\"modelVersion\": \"v23\", \"canarySlot\": \"SLOT_GREEN\"}", System.Text.Encoding.UTF8, "application/json"));
        using var paused = await http.PostAsync(new Uri($"/v1/releases/{id}:pause", UriKind.Relative), JsonContent.Create(new { reason = "hold" }));
        using var current = await http.GetAsync(new Uri("/v1/releases/current", UriKind.Relative));
        using var aborted = await http.PostAsync(new Uri("/v1/releases/current/abort", UriKind.Relative), null);
        using var unknownAction = await http.PostAsync(new Uri($"/v1/releases/{id}:explode", UriKind.Relative), null);
        using var history = await http.GetAsync(new Uri("/v1/releases/history", UriKind.Relative));
        using var routing = await http.GetAsync(new Uri("/v1/routing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal($"/v1/releases/{id}", started.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var currentJson = JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement.GetProperty("release");
        Assert.Equal("RELEASE_PHASE_PAUSED", currentJson.GetProperty("phase").GetString());
        Assert.Equal("key:deploy-bot", currentJson.GetProperty("transitions")[0].GetProperty("actor").GetString());
        Assert.Equal(HttpStatusCode.OK, aborted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAction.StatusCode);
        var releases = JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("releases");
        Assert.Equal("RELEASE_PHASE_ABORTED", releases[0].GetProperty("phase").GetString());
        var snapshot = JsonDocument.Parse(await routing.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, snapshot.GetProperty("canaryWeightBps").GetInt32());
        Assert.Equal("SLOT_BLUE", snapshot.GetProperty("stableSlot").GetString());
    }
}

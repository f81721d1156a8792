using System.Net;
using System.Text;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Tests.Support;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Console;

/// <summary>The console's endpoints on a real controller (Kestrel on loopback), without a browser.</summary>
public sealed class ConsoleEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly string _database = ControllerHost.NewDatabase();
    private readonly string _artifacts = Directory.CreateTempSubdirectory("voicefleet-console-artifacts-").FullName;
    private readonly ManualTimeProvider _clock = new();
    private RunningService _controller = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _controller = await ControllerHost.StartAsync(_database, _clock, new ScriptedMetrics(), [.. ControllerHost.DeclaredSlots, $"--ReleaseController:Regression:ArtifactsDirectory={_artifacts}"]);
        _http = new HttpClient { BaseAddress = _controller.HttpAddress };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        ControllerHost.Delete(_database);
        Directory.Delete(_artifacts, recursive: true);
    }

    [Theory]
    [InlineData("/console/releases", "Releases")]
    [InlineData("/console/compare", "Compare")]
    [InlineData("/console/listen", "Listen")]
    [InlineData("/console/playground", "Playground")]
    public async Task Page_NoRelease_ServesHtmlWithStrictPolicy(string path, string title)
    {
        using var response = await _http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace(_controller.HttpAddress.ToString(), string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_ScriptAndStyle_ServedFromTheAssembly()
    {
        using var js = await _http.GetAsync("/console/static/console.js");
        using var css = await _http.GetAsync("/console/static/console.css");
        using var missing = await _http.GetAsync("/console/static/other.js");

        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.Contains("x-console-request", await js.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Action_ByRole_OnlyReleaseAdminWithConsoleHeaderActs()
    {
        var client = new ReleaseControlClient(_controller.Channel);
        var release = (await client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = ControllerHost.QuickPlan() })).Release;

        var direct = await PostAsync($"/console/api/releases/{release.ReleaseId}/pause", caller: null, roles: null);
        var viewer = await PostAsync($"/console/api/releases/{release.ReleaseId}/pause", caller: "k-viewer", roles: "synthesize,tester");
        var noHeader = await PostAsync($"/console/api/releases/{release.ReleaseId}/pause", caller: "k-admin", roles: "release-admin", consoleHeader: false);
        var unknown = await PostAsync($"/console/api/releases/{release.ReleaseId}/explode", caller: "k-admin", roles: "release-admin");
        var admin = await PostAsync($"/console/api/releases/{release.ReleaseId}/pause", caller: "k-admin", roles: "synthesize,release-admin", body: "{\"reason\":\"listening first\"}");
        var stored = (await client.GetStatusAsync(new GetStatusRequest { ReleaseId = release.ReleaseId })).Release;

        Assert.Equal(HttpStatusCode.Forbidden, direct.Status);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.Status);
        Assert.Contains("PERMISSION_DENIED", viewer.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noHeader.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Contains("\"phase\":\"paused\"", admin.Body, StringComparison.Ordinal);
        Assert.Equal(ReleasePhase.Paused, stored.Phase);
        Assert.Equal(("k-admin", "listening first"), (stored.Transitions[^1].Actor, stored.Transitions[^1].Reason));
    }

    [Fact]
    public async Task ReleasesPage_ByRole_ButtonsOnlyForAdmin()
    {
        var client = new ReleaseControlClient(_controller.Channel);
        await client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = ControllerHost.QuickPlan() });

        var admin = await GetAsync("/console/releases", "k-admin", "release-admin");
        var viewer = await GetAsync("/console/releases", "k-viewer", "synthesize");
        var panel = await GetAsync("/console/releases/panel", "k-viewer", "synthesize");

        Assert.Contains("data-action=\"abort\"", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=", viewer, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"read-only\"", viewer, StringComparison.Ordinal);
        Assert.Contains("data-phase=\"progressing\"", panel, StringComparison.Ordinal);
        Assert.Contains("1 % <small>30 s</small>", panel, StringComparison.Ordinal);
        Assert.Contains("data-left-ms=\"30000\"", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Artifacts_PathsOutsideTheFolderOrNotWav_AreRefused()
    {
        Directory.CreateDirectory(Path.Join(_artifacts, "eval_1"));
        await File.WriteAllBytesAsync(Path.Join(_artifacts, "eval_1", "a.candidate.wav"), "RIFF....WAVE"u8.ToArray());
        await File.WriteAllTextAsync(Path.Join(_artifacts, "eval_1", "notes.txt"), "secret");
        var outside = Path.Join(Path.GetDirectoryName(_artifacts)!, $"outside-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(outside, "RIFF"u8.ToArray());
        File.CreateSymbolicLink(Path.Join(_artifacts, "eval_1", "link.wav"), outside);
        try
        {
            using var ok = await _http.GetAsync("/console/artifacts/eval_1/a.candidate.wav");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("audio/wav", ok.Content.Headers.ContentType?.MediaType);
            foreach (var path in new[]
            {
                "/console/artifacts/eval_1/notes.txt",
                "/console/artifacts/..%2F" + Path.GetFileName(outside),
                "/console/artifacts/eval_1/..%2F..%2F" + Path.GetFileName(outside),
                "/console/artifacts/%2Fetc%2Fpasswd.wav",
                "/console/artifacts/eval_1/link.wav",
                "/console/artifacts/eval_1/missing.wav",
            })
            {
                using var refused = await _http.GetAsync(path);
                Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path}: {refused.StatusCode}");
            }
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task ListenTrial_SlotsWithoutAddress_ExplainsAndRefuses()
    {
        var client = new ReleaseControlClient(_controller.Channel);
        await client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = "v23", CanarySlot = Slot.Green, Plan = ControllerHost.QuickPlan() });

        var page = await GetAsync("/console/listen", "k-listener", "synthesize");
        var trial = await PostAsync("/console/api/listen/trials", "k-listener", "synthesize");
        var rating = await PostAsync("/console/api/listen/trials/trial_nope/ratings", "k-listener", "synthesize", body: "{\"preference\":\"a\"}");

        Assert.Contains("data-testid=\"no-trials\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, trial.Status);
        Assert.Equal(HttpStatusCode.NotFound, rating.Status);
    }

    private async Task<string> GetAsync(string path, string caller, string roles)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-voicefleet-caller", caller);
        request.Headers.Add("x-voicefleet-roles", roles);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string? caller, string? roles, bool consoleHeader = true, string body = "{}")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (caller is not null)
        {
            request.Headers.Add("x-voicefleet-caller", caller);
        }

        if (roles is not null)
        {
            request.Headers.Add("x-voicefleet-roles", roles);
        }

        if (consoleHeader)
        {
            request.Headers.Add("x-console-request", "1");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

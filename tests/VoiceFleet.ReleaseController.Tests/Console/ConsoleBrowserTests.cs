using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Tests.Support;
using Xunit;

namespace VoiceFleet.ReleaseController.Tests.Console;

/// <summary>
/// The console in a real browser (Debian's Chromium, headless, driven by Playwright) through the real gateway, against
/// the controller and two real Synthesis slots. Screenshots of every page land in .artifacts/test-results/console/.
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleFleet fleet) : IClassFixture<ConsoleFleet>
{
    private const int Timeout = 20_000;

    [Fact]
    public async Task Releases_AdminWatchesStepsThenAborts_PageShowsProgressAndRollback()
    {
        var release = await fleet.EnsureActiveAsync();
        await using var context = await fleet.ContextAsync(fleet.AdminKey);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync("/console/releases");

        await Assertions.Expect(page.GetByTestId("phase")).ToHaveTextAsync("progressing");
        var step = await page.GetByTestId("step").InnerTextAsync();
        Assert.StartsWith("1 of 3", step, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("window-left")).ToContainTextAsync(" s");
        await Assertions.Expect(page.GetByTestId("caller")).ToContainTextAsync("release-admin");

        // One window passes on the controller's clock: the page moves to step 2 and 20 % by itself.
        await fleet.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(31));
        await Assertions.Expect(page.GetByTestId("step")).ToHaveTextAsync("2 of 3");
        await Assertions.Expect(page.GetByTestId("weight")).ToHaveTextAsync("20 %");
        await Assertions.Expect(page.GetByTestId("gates")).ToContainTextAsync("error ratio");
        await Assertions.Expect(page.GetByTestId("traffic")).ToContainTextAsync("canary");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(fleet.Screenshots, "releases.png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("VOICEFLEET_UPDATE_DOC_IMAGES") == "1")
        {
            // The README's picture, refreshed on request only: a test run leaves the working tree as it found it.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(RepoPaths(), "docs", "images", "console-releases.png") });
        }

        // Abort with a confirmation, driven from the keyboard.
        var abort = page.Locator("button[data-action=abort]");
        await abort.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("dialog#confirm")).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync("canary sounds muffled");
        await page.Locator("#confirm-ok").ClickAsync();

        await Assertions.Expect(page.GetByTestId("phase")).ToHaveTextAsync("aborted");
        await Assertions.Expect(page.GetByTestId("transitions")).ToContainTextAsync("canary sounds muffled");
        await Assertions.Expect(page.GetByTestId("transitions")).ToContainTextAsync(ConsoleFleet.IdOf(fleet.AdminKey));
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("canary sounds muffled");
        await Assertions.Expect(page.GetByTestId("routing")).ToContainTextAsync("canary none at 0 %");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(fleet.Screenshots, "releases-aborted.png"), FullPage = true });

        var stored = (await fleet.Releases.GetStatusAsync(new GetStatusRequest { ReleaseId = release.ReleaseId })).Release;
        Assert.Equal(ReleasePhase.Aborted, stored.Phase);
        Assert.Equal(ConsoleFleet.IdOf(fleet.AdminKey), stored.Transitions[^1].Actor);
    }

    [Fact]
    public async Task Releases_NonAdmin_SeesNoActionsAndForgedActionsAreRefused()
    {
        var release = await fleet.EnsureActiveAsync();
        await using var context = await fleet.ContextAsync(fleet.ViewerKey, width: 390, height: 844);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync("/console/releases");
        await Assertions.Expect(page.GetByTestId("phase")).ToHaveTextAsync("progressing");
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("button[data-action]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(fleet.Screenshots, "releases-viewer-narrow.png"), FullPage = true });

        // The same request the admin's page sends, forged from the viewer's page: the gateway refuses it (403).
        var forged = await page.EvaluateAsync<int>(
            "id => fetch('/console/api/releases/' + id + '/abort', {method: 'POST', headers: {'content-type': 'application/json', 'x-console-request': '1', 'x-voicefleet-roles': 'release-admin'}, body: '{}'}).then(r => r.status)",
            release.ReleaseId);
        Assert.Equal(403, forged);

        // Straight to the controller with the gateway's headers of a non-admin: the controller refuses it too.
        using var http = new HttpClient { BaseAddress = fleet.Controller.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/console/api/releases/{release.ReleaseId}/abort") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-console-request", "1");
        request.Headers.Add("x-voicefleet-caller", ConsoleFleet.IdOf(fleet.ViewerKey));
        request.Headers.Add("x-voicefleet-roles", "enroll");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        Assert.Equal(ReleasePhase.Progressing, (await fleet.Releases.GetStatusAsync(new GetStatusRequest { ReleaseId = release.ReleaseId })).Release.Phase);
    }

    [Fact]
    public async Task Listen_SeveralBlindRatings_MosTableUpdatesAndGateUsesThem()
    {
        var release = await fleet.EnsureActiveAsync(listening: true);
        await using var context = await fleet.ContextAsync(fleet.ListenerKey);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync("/console/listen");
        await Assertions.Expect(page.GetByTestId("mos-empty")).ToBeVisibleAsync();

        for (var trial = 1; trial <= 3; trial++)
        {
            await page.Locator("#new-trial").ClickAsync();
            await Assertions.Expect(page.Locator("#rate")).ToBeVisibleAsync();
            foreach (var clip in new[] { "a", "b" })
            {
                var duration = await page.EvaluateAsync<double>(
                    "id => new Promise((ok, fail) => { const a = document.getElementById(id); const done = () => ok(a.duration); if (a.readyState >= 1) done(); else { a.addEventListener('loadedmetadata', done, {once: true}); a.addEventListener('error', () => fail('audio error ' + (a.error && a.error.code)), {once: true}); a.load(); } })",
                    "clip-" + clip);
                Assert.InRange(duration, 0.2, 60);
            }

            await page.Locator("input[name=a_naturalness][value='4']").CheckAsync();
            await page.Locator("input[name=b_naturalness][value='3']").CheckAsync();
            await page.Locator("input[name=a_emotion_fit][value='5']").CheckAsync();
            await page.Locator("input[name=preference][value='a']").CheckAsync();
            if (trial == 3)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(fleet.Screenshots, "listen-trial.png"), FullPage = true });
            }

            await page.Locator("#submit-rating").ClickAsync();
            await Assertions.Expect(page.GetByTestId("reveal")).ToContainTextAsync("Saved.");
            await Assertions.Expect(page.Locator("[data-track=canary] [data-testid=trials]")).ToHaveTextAsync(trial.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Assertions.Expect(page.Locator("[data-track=stable] [data-testid=naturalness]")).ToContainTextAsync("(n = 3)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(fleet.Screenshots, "listen.png"), FullPage = true });

        // The LISTENING gate reads the stored ratings at the end of the window: 3 per version ≥ 2 needed.
        await fleet.Clock.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(31));
        var analysed = await Eventually.GetAsync(async () => (await fleet.Releases.GetStatusAsync(new GetStatusRequest { ReleaseId = release.ReleaseId })).Release, r => r.Analyses.Count > 0, "the window", 30);
        var gate = analysed.Analyses[^1].Gates.Single(g => g.Gate == GateKind.Listening);
        Assert.NotEqual(Verdict.Inconclusive, gate.Verdict);
        Assert.Equal((3L, 3L), (gate.CanarySamples, gate.StableSamples));
        Assert.Equal(Verdict.Pass, gate.Verdict);
        await fleet.Releases.AbortAsync(new AbortRequest { ReleaseId = release.ReleaseId, Actor = "test", Reason = "done" });
    }

    [Fact]
    public async Task Compare_EvaluationRun_TableChartsAndPlayableWavFromBothVersions()
    {
        await using var context = await fleet.ContextAsync(fleet.ViewerKey);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync("/console/compare?baseline=v21&candidate=v23");

        await Assertions.Expect(page.GetByTestId("metrics")).ToContainTextAsync("all");
        Assert.Equal(6, await page.Locator("figure.chart svg").CountAsync());
        var rows = await page.Locator("[data-testid=items] tbody tr").CountAsync();
        Assert.Equal(fleet.Run.Items.Count, rows);
        var sources = await page.Locator("[data-testid=items] audio").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('src'))");
        Assert.Equal(rows * 2, sources.Length);

        // Both versions' first clips load and decode in the browser.
        foreach (var index in new[] { 0, 1 })
        {
            var duration = await page.Locator("[data-testid=items] audio").Nth(index).EvaluateAsync<double>(
                "a => new Promise((ok, fail) => { a.preload = 'auto'; a.addEventListener('loadedmetadata', () => ok(a.duration), {once: true}); a.addEventListener('error', () => fail('audio error ' + (a.error && a.error.code)), {once: true}); a.load(); })");
            Assert.InRange(duration, 0.2, 60);
        }

        var response = await page.APIRequest.GetAsync(sources[0]);
        Assert.Equal(200, response.Status);
        Assert.Equal("audio/wav", response.Headers["content-type"]);
        Assert.Equal("RIFF"u8.ToArray(), (await response.BodyAsync())[..4]);
        var escape = await page.APIRequest.GetAsync("/console/artifacts/..%2F..%2F..%2Fetc%2Fpasswd.wav");
        Assert.Equal(404, escape.Status);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(fleet.Screenshots, "compare.png"), FullPage = true });
    }

    [Fact]
    public async Task Playground_Speak_PlaysWavAndNamesTheVersion()
    {
        await using var context = await fleet.ContextAsync(fleet.ListenerKey);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync("/console/playground");
        await page.Locator("#text").FillAsync("The console speaks from the stable slot.");
        await page.Locator("#emotion").SelectOptionAsync("happy");
        await page.Locator("#speed").FillAsync("1.2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speak" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("served-by")).ToContainTextAsync("Served by v21 (stable, slot blue)");
        var duration = await page.Locator("#play-audio").EvaluateAsync<double>(
            "a => new Promise((ok, fail) => { if (a.readyState >= 1) ok(a.duration); else { a.addEventListener('loadedmetadata', () => ok(a.duration), {once: true}); a.addEventListener('error', () => fail('audio error'), {once: true}); } })");
        Assert.InRange(duration, 0.2, 60);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(fleet.Screenshots, "playground.png"), FullPage = true });
    }

    private static string RepoPaths() => VoiceFleet.Testing.RepoPaths.Root;
}

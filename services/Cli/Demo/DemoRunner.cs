using System.Globalization;
using VoiceFleet.Cli.Commands;
using VoiceFleet.Cli.Fleet;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Demo;

/// <summary>
/// The demo: the whole fleet on loopback (blue v21 stable, green v23 idle), synthetic users through the gateway, a
/// release of v23 on green to 100 %, then a faulty version on the idle slot (blue, restarted with it) and its
/// automatic rollback, then a summary.
/// </summary>
internal sealed class DemoRunner(DemoSettings settings, DemoConsole console, TextWriter serviceLog, TimeProvider time)
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromMinutes(4);

    private static readonly int[] Steps = [2000, 5000, 10000];

    private readonly Lock _stateGate = new();
    private Release? _current;

    /// <summary>Runs the demo; the summary is null when the fleet did not start (the reason is on the console).</summary>
    public async Task<DemoSummary?> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var plan = FleetPlan.Create($"blue={DemoSettings.StableVersion},green={DemoSettings.CanaryVersion}", null, settings.PortBase, settings.Storage);
        var apiKey = await KeysCommand.EnsureLocalAdminKeyAsync(settings.Storage.DataDirectory, cancellationToken).ConfigureAwait(false);
        await using var fleet = new FleetRunner(plan, settings.Binaries, TextWriter.Null, serviceLog, time);
        console.Line(F($"starting the fleet on 127.0.0.1 ports {settings.PortBase}–{settings.PortBase + 51}: gateway, frontend, encoders, synthesis blue ({DemoSettings.StableVersion}) and green ({DemoSettings.CanaryVersion}), release controller"));
        var failure = await fleet.StartAsync(settings.StartupTimeout, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            console.Line(failure);
            return null;
        }

        var gateway = fleet.Member("gateway");
        var controller = fleet.Member("release-controller");
        console.Line(F($"fleet ready in {(time.GetUtcNow() - started).TotalSeconds:0} s: gateway grpc={gateway.GrpcAddress.Authority} · controller grpc={controller.GrpcAddress.Authority} http={controller.HttpUrl}"));
        console.Line($"blue serves {DemoSettings.StableVersion} (stable), green serves {DemoSettings.CanaryVersion} (idle)");
        await WarmAsync(fleet.Member("synthesis-blue"), fleet.Member("synthesis-green"), cancellationToken).ConfigureAwait(false);

        var texts = TrafficText.Load(Path.Join(Path.GetDirectoryName(settings.Binaries.Locate("VoiceFleet.ReleaseController")), "eval", "golden.jsonl"));
        await using var traffic = new TrafficDriver(gateway.GrpcAddress, apiKey, texts, settings.Clients, settings.Users, settings.RequestsPerSecond, time);
        traffic.Start(cancellationToken);
        console.Line(F($"traffic: {settings.Clients} clients, up to {settings.RequestsPerSecond:0} requests/s, {settings.Users} users (x-user-id), {texts.Count} short texts in {texts.Select(t => t.Emotion).Distinct(StringComparer.Ordinal).Count()} emotions, through the gateway with the local admin key"));
        using var ticker = new CancellationTokenSource();
        var status = Task.Run(() => TickAsync(traffic, ticker.Token), CancellationToken.None);

        using var channel = GrpcChannel.ForAddress(controller.GrpcAddress, new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(60) });
        var client = new ReleaseControlClient(channel);
        var outcomes = new List<ReleaseOutcome>();
        try
        {
            var window = await ChooseWindowAsync(traffic, cancellationToken).ConfigureAwait(false);

            // 1. The healthy version, step by step to 100 %.
            var healthyPlan = ForgedVoicePlans.Create(Steps, window, skipPreRollout: !settings.PreRollout, maxP95RtfRatio: ForgedVoicePlans.HealthyMaxP95RtfRatio);
            var healthy = await ReleaseAsync(client, DemoSettings.CanaryVersion, Slot.Green, healthyPlan, "demo: healthy version", cancellationToken).ConfigureAwait(false);
            outcomes.Add(ReleaseOutcome.Of(healthy, traffic.Records));
            if (healthy.Phase != ReleasePhase.Promoted)
            {
                console.Line($"the healthy release ended {ReleaseText.Phase(healthy.Phase)}: {healthy.OutcomeReason}");
                return await FinishAsync(traffic, ticker, status, outcomes, plan, started).ConfigureAwait(false);
            }

            // 2. A faulty version on the now idle slot, as a Deployment rolled to another model version.
            console.Line($"green ({DemoSettings.CanaryVersion}) is stable now; blue is idle. Putting the faulty {settings.FaultyVersion} on blue: restarting synthesis-blue with Synthesis:ModelVersion={settings.FaultyVersion}");
            failure = await fleet.RestartAsync("synthesis-blue", new Dictionary<string, string> { ["Synthesis:ModelVersion"] = settings.FaultyVersion }, settings.StartupTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                console.Line(failure);
                return await FinishAsync(traffic, ticker, status, outcomes, plan, started).ConfigureAwait(false);
            }

            await WarmAsync(fleet.Member("synthesis-blue"), null, cancellationToken).ConfigureAwait(false);
            console.Line($"synthesis-blue serves {settings.FaultyVersion}; its release skips the pre-rollout regression (which would stop it before any traffic) so that the canary analysis meets it");
            var faultyPlan = ForgedVoicePlans.Create(Steps, window, skipPreRollout: true);
            var faulty = await ReleaseAsync(client, settings.FaultyVersion, Slot.Blue, faultyPlan, "demo: faulty version", cancellationToken).ConfigureAwait(false);
            outcomes.Add(ReleaseOutcome.Of(faulty, traffic.Records));

            // A little more traffic: after the rollback every user is on stable again, with no failures.
            await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            return await FinishAsync(traffic, ticker, status, outcomes, plan, started).ConfigureAwait(false);
        }
        finally
        {
            await ticker.CancelAsync().ConfigureAwait(false);
            await status.ConfigureAwait(false);
            console.ClearStatus();
            if (settings.KeepRunning && !cancellationToken.IsCancellationRequested && outcomes.Count > 0)
            {
                console.Raw(F($"the fleet keeps running (--keep-running): voicefleet release history --controller {controller.GrpcAddress.ToString().TrimEnd('/')} · Ctrl-C stops it"));
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: stop the fleet.
                }
            }
        }
    }

    private async Task<DemoSummary> FinishAsync(TrafficDriver traffic, CancellationTokenSource ticker, Task status, List<ReleaseOutcome> outcomes, FleetPlan plan, DateTimeOffset started)
    {
        await traffic.StopAsync().ConfigureAwait(false);
        await ticker.CancelAsync().ConfigureAwait(false);
        await status.ConfigureAwait(false);
        console.ClearStatus();
        var controller = plan.Members.First(m => m.Name == "release-controller");
        return new DemoSummary
        {
            WallSeconds = (time.GetUtcNow() - started).TotalSeconds,
            Records = traffic.Records,
            Releases = outcomes,
            FaultyVersions = new HashSet<string>(StringComparer.Ordinal) { settings.FaultyVersion },
            DataDirectory = settings.Storage.DataDirectory,
            LogFile = Path.Join(settings.Storage.DataDirectory, "fleet.log"),
            ControllerGrpc = controller.GrpcAddress,
            ControllerHttp = controller.HttpUrl,
            GatewayHttp = plan.Gateway.HttpUrl,
        };
    }

    private async Task<Release> ReleaseAsync(ReleaseControlClient client, string version, Slot slot, ReleasePlan plan, string reason, CancellationToken cancellationToken)
    {
        var steps = string.Join(" → ", plan.Steps.Select(s => ReleaseText.Percent(s.CanaryWeightBps)));
        console.Line(F($"release {version} on {ReleaseText.Slot(slot)}: {(plan.SkipPreRollout ? string.Empty : "golden-set regression, then ")}{steps}, {plan.Steps[0].ObservationWindow.ToTimeSpan().TotalSeconds:0.#} s windows; gates: speaker similarity ≥ {plan.Gates.MinSpeakerSimilarity}, emotion agreement ≥ {plan.Gates.MinEmotionAgreement}, p95 RTF ratio ≤ {plan.Gates.MaxP95RtfRatio}, no NaN/Inf, error ratio ≤ 5 %"));
        var response = await client.StartReleaseAsync(new StartReleaseRequest { ModelVersion = version, CanarySlot = slot, Plan = plan, Actor = "voicefleet-demo", Reason = reason }, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
        var id = response.Release.ReleaseId;
        SetCurrent(response.Release);
        var ended = await ReleaseFollower.FollowAsync(client, id, change => OnChange(change), ReleaseTimeout, time, cancellationToken, stopAt: r => r.Phase == ReleasePhase.Paused).ConfigureAwait(false);
        if (ended.Phase == ReleasePhase.Paused)
        {
            // The demo never pauses a release, so the controller did (too few samples in a row): it now waits for an
            // operator to resume or end it. Waiting for one would only run into the timeout; end it and say why.
            var why = ended.Transitions.LastOrDefault()?.Reason ?? "paused";
            console.Line($"the controller paused release {id} ({why}) and waits for an operator; the demo aborts it. Too little traffic reached the canary: try a longer --window, or run the demo on a less busy machine");
            ended = (await client.AbortAsync(new AbortRequest { ReleaseId = id, Actor = "voicefleet-demo", Reason = $"demo: paused by the controller ({why}); the demo has no operator to resume it" }, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false)).Release;
        }

        SetCurrent(ended);
        var end = ended.Phase == ReleasePhase.RolledBack
            ? $"ROLLED BACK automatically by gate {ReleaseText.Gate(ReleaseOutcome.Of(ended, []).FailedGate)}: canary weight 0 on every gateway"
            : ReleaseText.Phase(ended.Phase).ToUpperInvariant() + (ended.Phase == ReleasePhase.Promoted ? F($": {ReleaseText.Slot(ended.CanarySlot)} ({version}) is stable") : string.Empty);
        console.Line(F($"release {id} {end} ({(ended.EndTime.ToDateTimeOffset() - ended.CreateTime.ToDateTimeOffset()).TotalSeconds:0.0} s)"));
        return ended;
    }

    // Cold processes (JIT, the encoders' empty cache) serve a fraction of their later rate at first. The rate is measured
    // over consecutive 3 s spans until it stops growing (at most 30 s), and the windows are fitted to it unless --window
    // was given.
    private async Task<TimeSpan> ChooseWindowAsync(TrafficDriver traffic, CancellationToken cancellationToken)
    {
        var span = TimeSpan.FromSeconds(3);
        var began = time.GetUtcNow();
        double? previous = null;
        double rate;
        while (true)
        {
            var from = time.GetUtcNow();
            await Task.Delay(span, time, cancellationToken).ConfigureAwait(false);
            rate = traffic.Records.Count(r => r.End >= from) / (time.GetUtcNow() - from).TotalSeconds;
            if ((previous is { } before && rate <= before * 1.1) || time.GetUtcNow() - began >= TimeSpan.FromSeconds(30))
            {
                break;
            }

            previous = rate;
        }

        var settled = F($"traffic settled at {rate:0.#} requests/s after {(time.GetUtcNow() - began).TotalSeconds:0} s");
        if (!settings.FitWindow)
        {
            console.Line(F($"{settled}; windows of {settings.Window.TotalSeconds:0.#} s (--window)"));
            return settings.Window;
        }

        var window = DemoWindows.Fit(rate, settings.Window, Steps[0], ForgedVoicePlans.MinRequests);
        var expected = rate * Steps[0] / 10000.0 * window.TotalSeconds;
        console.Line(F($"{settled}; windows of {window.TotalSeconds:0.#} s, so that the canary at {ReleaseText.Percent(Steps[0])} gets about {expected:0} requests in each (the gates need {ForgedVoicePlans.MinRequests})"));
        return window;
    }

    private void OnChange(WatchReleaseResponse change)
    {
        SetCurrent(change.Release);
        if (change.Analysis is { } analysis)
        {
            var lines = ReleaseText.Analysis(change.Release, analysis).ToList();
            console.Line(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                console.Raw(line);
            }
        }

        if (change.Transition is { } transition)
        {
            console.Line(ReleaseText.Transition(change.Release, transition));
        }
    }

    private void SetCurrent(Release release)
    {
        lock (_stateGate)
        {
            _current = release;
        }
    }

    private async Task TickAsync(TrafficDriver traffic, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Release? release;
            lock (_stateGate)
            {
                release = _current;
            }

            var records = traffic.Records;
            var since = release?.CreateTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue;
            var recent = records.Where(r => r.Start >= since).ToList();
            var perTrack = string.Join(" · ", recent.GroupBy(r => r.Track).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()} ({string.Join(", ", g.Select(r => r.ModelVersion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))})"));
            var head = release is null
                ? "no release yet"
                : F($"{release.ModelVersion} on {ReleaseText.Slot(release.CanarySlot)}: {ReleaseText.Phase(release.Phase)}, step {release.CurrentStep + 1}/{release.Plan.Steps.Count}, canary {ReleaseText.Percent(release.CanaryWeightBps)}");
            console.Status(F($"{head} | requests {(release is null ? "so far" : "this release")}: {(perTrack.Length == 0 ? "none yet" : perTrack)} | failures {recent.Count(r => r.Failed)}"));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // A few direct requests per slot, so the first canary window does not measure a cold process.
    private static async Task WarmAsync(FleetMember first, FleetMember? second, CancellationToken cancellationToken)
    {
        foreach (var member in new[] { first, second }.OfType<FleetMember>())
        {
            using var channel = GrpcChannel.ForAddress(member.GrpcAddress, new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(30), Retry = new GrpcRetryOptions { MaxAttempts = 1 } });
            var client = new SynthesisClient(channel);
            for (var i = 0; i < 4; i++)
            {
                try
                {
                    await client.SynthesizeAsync(new SynthesizeRequest { Text = "Warming up the slot.", Emotion = new EmotionSpec { Label = "neutral" } }, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
                }
                catch (RpcException)
                {
                    // A slot that cannot speak shows it in the release, not here.
                    break;
                }
            }
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

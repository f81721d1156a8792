using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Commands;

/// <summary>
/// <c>voicefleet release start|status|watch|pause|resume|promote|abort|history</c>: releases of the
/// release controller, over gRPC. Human output by default, the protobuf JSON mapping with <c>--json</c>.
/// </summary>
internal static class ReleaseCommand
{
    /// <summary>The controller's gRPC address in the local fleet (<c>voicefleet up</c>, port base 7000).</summary>
    public const string DefaultAddress = "http://127.0.0.1:7050";

    /// <summary>The environment variable that overrides <see cref="DefaultAddress"/>.</summary>
    public const string AddressVariable = "VOICEFLEET_CONTROLLER_URL";

    // The controller's default weights, repeated when only --window is given.
    private static readonly int[] DefaultWeights = [100, 500, 2000, 5000, 10000];

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static Command Create(TextWriter output, TextWriter error) => new("release", "Progressive releases of a model version: start one, follow it, pause, resume, promote, abort, list past ones.")
    {
        CreateStart(output, error),
        CreateStatus(output, error),
        CreateWatch(output, error),
        CreateAction("pause", "Hold the current canary weight (analysis goes on).", output, error),
        CreateAction("resume", "Continue a paused release.", output, error),
        CreateAction("promote", "Promote now: the canary slot becomes stable.", output, error),
        CreateAction("abort", "Roll back now: canary weight 0 on every gateway.", output, error),
        CreateHistory(output, error),
    };

    private static Option<string?> ControllerOption() => new("--controller")
    {
        Description = $"The release controller's gRPC address (default: ${AddressVariable}, else {DefaultAddress}, the local fleet).",
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON (the protobuf JSON mapping of the response)." };

    private static GrpcChannel Connect(string? address)
    {
        var target = !string.IsNullOrWhiteSpace(address) ? address
            : Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultAddress;
        return GrpcChannel.ForAddress(new Uri(target), new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(60) });
    }

    private static async Task<int> FailAsync(TextWriter error, string command, RpcException ex)
    {
        var hint = ex.StatusCode == StatusCode.Unavailable ? " (is the fleet running? 'voicefleet up', or --controller URL)" : string.Empty;
        await error.WriteLineAsync($"voicefleet release {command}: {ex.StatusCode}: {ex.Status.Detail}{hint}").ConfigureAwait(false);
        return 1;
    }

    private static Command CreateStart(TextWriter output, TextWriter error)
    {
        var version = new Argument<string>("version") { Description = "The model version to release; the canary slot must serve it." };
        var slot = new Option<string>("--slot") { Description = "The canary slot (the idle one): blue or green.", Required = true };
        var steps = new Option<string?>("--steps") { Description = "Canary weights in percent, comma-separated, e.g. 1,5,20,50,100 (default: the controller's)." };
        var window = new Option<string?>("--window") { Description = "Observation window per step: 30s, 2m, 1h or hh:mm:ss (default: the controller's)." };
        var skip = new Option<bool>("--skip-pre-rollout") { Description = "Skip the golden-set regression before user traffic." };
        var manual = new Option<bool>("--manual-promotion") { Description = "Wait paused after the last step instead of promoting." };
        var goldenSet = new Option<string?>("--golden-set") { Description = "Golden set for the regression (default: the controller's)." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the release's history)." };
        var webhooks = new Option<string[]>("--webhook") { Description = "POST every event of the release (pre-rollout, each step, promotion, rollback) to this URL; repeatable." };
        var gates = new Option<string[]>("--pre-rollout-webhook") { Description = "Call this URL before any traffic; the release is rolled back unless it answers 2xx (after retries); repeatable." };
        var json = JsonOption();
        var controller = ControllerOption();
        var command = new Command("start", "Start a release of VERSION on the idle slot.") { version, slot, steps, window, skip, manual, goldenSet, reason, webhooks, gates, json, controller };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var plan = new ReleasePlan { SkipPreRollout = parse.GetValue(skip), ManualPromotion = parse.GetValue(manual), GoldenSet = parse.GetValue(goldenSet) ?? string.Empty };
            plan.Webhooks.AddRange((parse.GetValue(webhooks) ?? []).Select(url => new Webhook { Url = url }));
            plan.Webhooks.AddRange((parse.GetValue(gates) ?? []).Select(url => new Webhook { Url = url, Events = { WebhookEvent.PreRollout }, Blocking = true }));
            var canarySlot = parse.GetValue(slot)!.ToLowerInvariant() switch { "blue" => Slot.Blue, "green" => Slot.Green, _ => Slot.Unspecified };
            if (canarySlot == Slot.Unspecified)
            {
                await error.WriteLineAsync("voicefleet release start: --slot must be blue or green").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var windowSpan = parse.GetValue(window) is { Length: > 0 } w ? ParseDuration(w) : (TimeSpan?)null;
                var weights = parse.GetValue(steps) is { Length: > 0 } s
                    ? s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => (int)Math.Round(double.Parse(p.TrimEnd('%'), CultureInfo.InvariantCulture) * 100)).ToArray()
                    : [];
                foreach (var weight in weights)
                {
                    plan.Steps.Add(new ReleaseStep { CanaryWeightBps = weight, ObservationWindow = windowSpan is { } span ? Duration.FromTimeSpan(span) : null });
                }

                if (weights.Length == 0 && windowSpan is { } only)
                {
                    foreach (var weight in DefaultWeights)
                    {
                        plan.Steps.Add(new ReleaseStep { CanaryWeightBps = weight, ObservationWindow = Duration.FromTimeSpan(only) });
                    }
                }
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync($"voicefleet release start: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            using var channel = Connect(parse.GetValue(controller));
            try
            {
                var response = await new ReleaseControlClient(channel).StartReleaseAsync(
                    new StartReleaseRequest { ModelVersion = parse.GetValue(version)!, CanarySlot = canarySlot, Plan = plan, Actor = Environment.UserName, Reason = parse.GetValue(reason) ?? string.Empty },
                    new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
                await output.WriteLineAsync(parse.GetValue(json) ? Json.Format(response) : Describe(response.Release, null)).ConfigureAwait(false);
                return 0;
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, "start", ex).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Command CreateStatus(TextWriter output, TextWriter error)
    {
        var id = new Argument<string?>("release-id") { Description = "A release (default: the active one, else the latest).", Arity = ArgumentArity.ZeroOrOne };
        var json = JsonOption();
        var controller = ControllerOption();
        var command = new Command("status", "The release (active or latest) and the routing in force.") { id, json, controller };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = Connect(parse.GetValue(controller));
            try
            {
                var response = await new ReleaseControlClient(channel).GetStatusAsync(new GetStatusRequest { ReleaseId = parse.GetValue(id) ?? string.Empty }, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(Json.Format(response)).ConfigureAwait(false);
                    return 0;
                }

                await output.WriteLineAsync(response.Release is null ? "no release yet" : Describe(response.Release, response.Routing)).ConfigureAwait(false);
                if (response.Release is null && response.Routing is { } routing)
                {
                    await output.WriteLineAsync(Routing(routing)).ConfigureAwait(false);
                }

                return 0;
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, "status", ex).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Command CreateWatch(TextWriter output, TextWriter error)
    {
        var id = new Argument<string?>("release-id") { Description = "A release (default: the active one).", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per change (JSON lines)." };
        var controller = ControllerOption();
        var command = new Command("watch", "Follow a release until it ends: one line per transition or analysed window. Exits 0 when promoted, 3 when rolled back or aborted.") { id, json, controller };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = Connect(parse.GetValue(controller));
            Release? last = null;
            try
            {
                using var call = new ReleaseControlClient(channel).WatchRelease(new WatchReleaseRequest { ReleaseId = parse.GetValue(id) ?? string.Empty }, new CallOptions(CancellationToken: cancellationToken));
                while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    var change = call.ResponseStream.Current;
                    last = change.Release;
                    await output.WriteLineAsync(parse.GetValue(json) ? Json.Format(change) : Line(change)).ConfigureAwait(false);
                }
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, "watch", ex).ConfigureAwait(false);
            }

            return last?.Phase is ReleasePhase.RolledBack or ReleasePhase.Aborted ? 3 : 0;
        });
        return command;
    }

    private static Command CreateAction(string name, string description, TextWriter output, TextWriter error)
    {
        var id = new Argument<string?>("release-id") { Description = "A release (default: the active one).", Arity = ArgumentArity.ZeroOrOne };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the release's history)." };
        var json = JsonOption();
        var controller = ControllerOption();
        var command = new Command(name, description) { id, reason, json, controller };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = Connect(parse.GetValue(controller));
            var client = new ReleaseControlClient(channel);
            var releaseId = parse.GetValue(id) ?? string.Empty;
            var why = parse.GetValue(reason) ?? string.Empty;
            var options = new CallOptions(CancellationToken: cancellationToken);
            try
            {
                var release = name switch
                {
                    "pause" => (await client.PauseAsync(new PauseRequest { ReleaseId = releaseId, Actor = Environment.UserName, Reason = why }, options).ResponseAsync.ConfigureAwait(false)).Release,
                    "resume" => (await client.ResumeAsync(new ResumeRequest { ReleaseId = releaseId, Actor = Environment.UserName, Reason = why }, options).ResponseAsync.ConfigureAwait(false)).Release,
                    "promote" => (await client.PromoteAsync(new PromoteRequest { ReleaseId = releaseId, Actor = Environment.UserName, Reason = why }, options).ResponseAsync.ConfigureAwait(false)).Release,
                    _ => (await client.AbortAsync(new AbortRequest { ReleaseId = releaseId, Actor = Environment.UserName, Reason = why }, options).ResponseAsync.ConfigureAwait(false)).Release,
                };
                await output.WriteLineAsync(parse.GetValue(json) ? Json.Format(release) : Describe(release, null)).ConfigureAwait(false);
                return 0;
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, name, ex).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Command CreateHistory(TextWriter output, TextWriter error)
    {
        var version = new Option<string?>("--model-version") { Description = "Only releases of this model version." };
        var limit = new Option<int>("--limit") { Description = "How many releases (newest first; at most 200).", DefaultValueFactory = _ => 20 };
        var json = JsonOption();
        var controller = ControllerOption();
        var command = new Command("history", "Past and current releases, newest first, with their outcome and who started them.") { version, limit, json, controller };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = Connect(parse.GetValue(controller));
            ListHistoryResponse response;
            try
            {
                response = await new ReleaseControlClient(channel).ListHistoryAsync(
                    new ListHistoryRequest { ModelVersion = parse.GetValue(version) ?? string.Empty, PageSize = Math.Clamp(parse.GetValue(limit), 1, 200) },
                    new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, "history", ex).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(Json.Format(response)).ConfigureAwait(false);
                return 0;
            }

            if (response.Releases.Count == 0)
            {
                await output.WriteLineAsync("no releases").ConfigureAwait(false);
                return 0;
            }

            await output.WriteLineAsync($"{"RELEASE",-30} {"VERSION",-10} {"SLOT",-6} {"PHASE",-12} {"STARTED (UTC)",-20} {"BY",-16} OUTCOME").ConfigureAwait(false);
            foreach (var release in response.Releases)
            {
                var started = release.CreateTime.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var by = release.Transitions.Count > 0 ? release.Transitions[0].Actor : string.Empty;
                await output.WriteLineAsync($"{release.ReleaseId,-30} {release.ModelVersion,-10} {SlotName(release.CanarySlot),-6} {PhaseName(release.Phase),-12} {started,-20} {by,-16} {release.OutcomeReason}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>A few lines about a release: phase, weight, step, window, the latest analysis.</summary>
    private static string Describe(Release release, RoutingSnapshot? routing)
    {
        var lines = new List<string>
        {
            Invariant($"release {release.ReleaseId}: {release.ModelVersion} on {SlotName(release.CanarySlot)} (stable {release.StableModelVersion} on {SlotName(release.StableSlot)})"),
            Invariant($"phase {PhaseName(release.Phase)}, canary weight {release.CanaryWeightBps / 100.0:0.##} %, step {release.CurrentStep + 1} of {release.Plan?.Steps.Count ?? 0}")
                + (release.WindowEnd is { } end ? Invariant($", window ends {end.ToDateTime():HH:mm:ss} UTC") : string.Empty),
        };
        if (release.Transitions.Count > 0)
        {
            var t = release.Transitions[^1];
            lines.Add(Invariant($"last change {t.Time.ToDateTime():HH:mm:ss} by {t.Actor}: {t.Reason}"));
        }

        if (release.Analyses.Count > 0)
        {
            var a = release.Analyses[^1];
            lines.Add(Invariant($"last window: {VerdictName(a.Verdict)} ({a.Source}); ") + string.Join(", ", a.Traffic.Select(x => Invariant($"{(x.Track == Track.Canary ? "canary" : "stable")} {x.Requests} req / {x.Errors} err"))));
            lines.AddRange(a.Gates.Select(g => Invariant($"  {GateName(g.Gate),-20} {VerdictName(g.Verdict),-13} {g.Message}")));
        }

        if (routing is not null)
        {
            lines.Add(Routing(routing));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Line(WatchReleaseResponse change)
    {
        var r = change.Release;
        var time = (change.Transition?.Time ?? change.Analysis?.WindowEnd ?? r.UpdateTime)?.ToDateTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "--:--:--";
        var head = Invariant($"{time} {PhaseName(r.Phase),-12} {r.CanaryWeightBps / 100.0,6:0.##} %  step {r.CurrentStep + 1}/{r.Plan?.Steps.Count ?? 0}");
        if (change.Analysis is { } a)
        {
            var traffic = string.Join(" ", a.Traffic.Select(x => Invariant($"{(x.Track == Track.Canary ? "canary" : "stable")}={x.Requests}")));
            var failed = a.Gates.Where(g => g.Verdict != Verdict.Pass).Select(g => $"{GateName(g.Gate)}:{VerdictName(g.Verdict)}");
            head += Invariant($"  window {VerdictName(a.Verdict)} [{traffic}] {string.Join(" ", failed)}");
        }

        if (change.Transition is { } t)
        {
            head += $"  {t.Actor}: {t.Reason}";
        }

        return change.Transition is null && change.Analysis is null ? head + "  (current)" : head;
    }

    private static string Routing(RoutingSnapshot routing) =>
        Invariant($"routing revision {routing.Revision}: stable {SlotName(routing.StableSlot)}, canary {SlotName(routing.CanarySlot)} at {routing.CanaryWeightBps / 100.0:0.##} %; ")
        + string.Join(", ", routing.SlotVersions.Select(s => $"{SlotName(s.Slot)}={s.ModelVersion}"));

    private static TimeSpan ParseDuration(string text)
    {
        var unit = text[^1];
        if (char.IsLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return unit switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                _ => throw new FormatException($"--window '{text}': use s, m or h"),
            };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : throw new FormatException($"--window '{text}' is not a duration (30s, 2m, 00:02:00)");
    }

    private static string SlotName(Slot slot) => slot switch { Slot.Blue => "blue", Slot.Green => "green", _ => "none" };

    private static string PhaseName(ReleasePhase phase) => phase.ToString().ToLowerInvariant() switch
    {
        "prerollout" => "pre-rollout",
        "rolledback" => "rolled-back",
        var name => name,
    };

    private static string VerdictName(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string GateName(GateKind gate) => gate switch
    {
        GateKind.ErrorRatio => "error_ratio",
        GateKind.P95Rtf => "p95_rtf",
        GateKind.NonFinite => "non_finite",
        GateKind.SpeakerSimilarity => "speaker_similarity",
        GateKind.EmotionAgreement => "emotion_agreement",
        GateKind.RtfMannWhitney => "rtf_mann_whitney",
        _ => gate.ToString().ToLowerInvariant(),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

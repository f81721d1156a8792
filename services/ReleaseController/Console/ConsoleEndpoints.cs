using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.ReleaseController.Engine;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Regression;
using VoiceFleet.ReleaseController.Routing;
using VoiceFleet.ReleaseController.Slots;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>
/// The web console under <c>/console</c>: server-rendered pages (Releases, Compare, Listen, Playground), the fragments
/// they refresh, the WAV artifacts, and the few JSON actions. Every action checks the caller's roles here (the
/// gateway's <c>x-voicefleet-roles</c>), whatever the page showed, and needs the <c>x-console-request</c> header
/// that no cross-site form can send.
/// </summary>
internal static class ConsoleEndpoints
{
    /// <summary>A header a plain cross-site form or link cannot set: every console POST must carry it.</summary>
    public const string RequestHeader = "x-console-request";

    private const string ContentSecurityPolicy = "default-src 'self'; media-src 'self' blob:; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static readonly string[] Actions = ["pause", "resume", "promote", "abort"];

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console", context =>
        {
            context.Response.Redirect("/console/releases");
            return Task.CompletedTask;
        });
        endpoints.MapGet("/console/static/{name}", StaticAsync);
        endpoints.MapGet("/console/releases", context => Guard(context, () => ReleasesAsync(context, fragment: false)));
        endpoints.MapGet("/console/releases/panel", context => Guard(context, () => ReleasesAsync(context, fragment: true)));
        endpoints.MapPost("/console/api/releases/{id}/{action}", context => Guard(context, () => ActAsync(context)));
        endpoints.MapGet("/console/compare", context => Guard(context, () => CompareAsync(context)));
        endpoints.MapGet("/console/artifacts/{**path}", context => Guard(context, () => ArtifactAsync(context)));
        endpoints.MapGet("/console/listen", context => Guard(context, () => ListenAsync(context)));
        endpoints.MapGet("/console/listen/mos", context => Guard(context, () => MosAsync(context)));
        endpoints.MapPost("/console/api/listen/trials", context => Guard(context, () => NewTrialAsync(context)));
        endpoints.MapGet("/console/api/listen/trials/{id}/{clip}", context => Guard(context, () => TrialClipAsync(context)));
        endpoints.MapPost("/console/api/listen/trials/{id}/ratings", context => Guard(context, () => RateAsync(context)));
        endpoints.MapGet("/console/playground", context => Guard(context, () => PlaygroundPageAsync(context)));
        endpoints.MapPost("/console/api/playground", context => Guard(context, () => PlayAsync(context)));
        return endpoints;
    }

    private static T Get<T>(HttpContext context)
        where T : notnull => context.RequestServices.GetRequiredService<T>();

    private static ConsoleCaller Caller(HttpContext context) => ConsoleCaller.From(context, Get<IOptions<ConsoleOptions>>(context).Value);

    // ---- Releases

    private static async Task ReleasesAsync(HttpContext context, bool fragment)
    {
        var engine = Get<ReleaseEngine>(context);
        await engine.Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var release = await engine.GetAsync(string.Empty, context.RequestAborted).ConfigureAwait(false);
        var history = await Get<IReleaseStore>(context).ListReleasesAsync(null, 20, null, context.RequestAborted).ConfigureAwait(false);
        var routing = Get<RoutingHub>(context).Current;
        var now = Get<TimeProvider>(context).GetUtcNow();
        var html = fragment
            ? ReleasesPage.Panel(release, routing, history, now)
            : ReleasesPage.Render(Caller(context), release, routing, history, now, Get<IOptions<ConsoleOptions>>(context).Value.RefreshMilliseconds);
        await WriteHtmlAsync(context, html).ConfigureAwait(false);
    }

    private static async Task ActAsync(HttpContext context)
    {
        var caller = RequireConsoleRequest(context);
        if (!caller.IsAdmin)
        {
            throw new RpcException(StatusCode.PermissionDenied, "this action needs the release-admin role.");
        }

        var action = (string)context.Request.RouteValues["action"]!;
        var id = (string)context.Request.RouteValues["id"]!;
        if (!Actions.Contains(action, StringComparer.Ordinal))
        {
            throw new RpcException(StatusCode.NotFound, $"unknown action '{action}' (pause, resume, promote, abort).");
        }

        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var reason = body.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? string.Empty : string.Empty;
        reason = reason.Length > 500 ? reason[..500] : reason;
        if (reason.Length == 0)
        {
            reason = $"{action} from the console";
        }

        var engine = Get<ReleaseEngine>(context);
        var releaseId = id == "current" ? string.Empty : id;
        var actor = caller.Id;
        var release = action switch
        {
            "pause" => await engine.PauseAsync(releaseId, actor, reason, context.RequestAborted).ConfigureAwait(false),
            "resume" => await engine.ResumeAsync(releaseId, actor, reason, context.RequestAborted).ConfigureAwait(false),
            "promote" => await engine.PromoteAsync(releaseId, actor, reason, context.RequestAborted).ConfigureAwait(false),
            _ => await engine.AbortAsync(releaseId, actor, reason, context.RequestAborted).ConfigureAwait(false),
        };
        await WriteJsonAsync(context, StatusCodes.Status200OK, new { releaseId = release.ReleaseId, phase = Names.Phase(release.Phase), canaryWeightBps = release.CanaryWeightBps }).ConfigureAwait(false);
    }

    // ---- Compare

    private static async Task CompareAsync(HttpContext context)
    {
        var store = Get<IReleaseStore>(context);
        await Get<ReleaseEngine>(context).Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var runs = await store.ListEvaluationRunsAsync(null, null, omitItems: true, 200, null, context.RequestAborted).ConfigureAwait(false);
        var query = context.Request.Query;
        var runId = query["run"].ToString();
        EvaluationRun? chosen = runId.Length > 0
            ? runs.FirstOrDefault(r => r.RunId == runId)
            : null;
        var baseline = query["baseline"].ToString();
        var candidate = query["candidate"].ToString();
        if (chosen is null && baseline.Length > 0 && candidate.Length > 0)
        {
            chosen = runs.FirstOrDefault(r => r.BaselineModelVersion == baseline && r.CandidateModelVersion == candidate)
                ?? runs.FirstOrDefault(r => r.BaselineModelVersion == candidate && r.CandidateModelVersion == baseline);
        }
        else if (chosen is null && runId.Length == 0)
        {
            chosen = runs.Count > 0 ? runs[0] : null;
        }

        if (chosen is not null)
        {
            // The listing omits items; read the chosen run whole.
            var whole = await store.ListEvaluationRunsAsync(chosen.ReleaseId, chosen.CandidateModelVersion, omitItems: false, 200, null, context.RequestAborted).ConfigureAwait(false);
            chosen = whole.FirstOrDefault(r => r.RunId == chosen.RunId) ?? chosen;
            baseline = chosen.BaselineModelVersion;
            candidate = chosen.CandidateModelVersion;
        }

        await WriteHtmlAsync(context, ComparePage.Render(Caller(context), runs, baseline, candidate, chosen, Get<ArtifactFiles>(context))).ConfigureAwait(false);
    }

    private static async Task ArtifactAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString((string?)context.Request.RouteValues["path"] ?? string.Empty);
        var file = Get<ArtifactFiles>(context).Resolve(path)
            ?? throw new RpcException(StatusCode.NotFound, "no such audio artifact (only .wav files inside the artifacts folder are served).");
        context.Response.Headers.CacheControl = "private, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";

        // Range requests answered: browsers treat a media file they cannot seek in as a live stream (no duration).
        await Results.File(file, "audio/wav", enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }

    // ---- Listen

    /// <summary>The release listened to: the active one, else the one named, else the latest.</summary>
    private static async Task<Release?> ListeningReleaseAsync(HttpContext context)
    {
        var engine = Get<ReleaseEngine>(context);
        await engine.Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var named = context.Request.Query["release"].ToString();
        return await engine.GetAsync(named, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? WhyNoTrial(Release release, ConsoleCaller caller, SlotClients slots)
    {
        if (release.Phase is not (ReleasePhase.PreRollout or ReleasePhase.Progressing or ReleasePhase.Paused))
        {
            return $"Release {release.ReleaseId} is {Names.Phase(release.Phase).Replace('_', ' ')}: trials run while a release is in progress. Its ratings stay below.";
        }

        if (!slots.IsReachable(release.CanarySlot) || !slots.IsReachable(release.StableSlot))
        {
            return "The controller has no address for both slots (ReleaseController:Slots:*:GrpcUrl), so it cannot make trials.";
        }

        return caller.CanSynthesize ? null : "Trials need the synthesize role.";
    }

    private static async Task ListenAsync(HttpContext context)
    {
        var caller = Caller(context);
        var release = await ListeningReleaseAsync(context).ConfigureAwait(false);
        var why = release is null ? null : WhyNoTrial(release, caller, Get<SlotClients>(context));
        var scores = release is null ? null : await ScoresAsync(context, release).ConfigureAwait(false);
        await WriteHtmlAsync(context, ListenPage.Render(caller, release, release is not null && why is null, why, scores)).ConfigureAwait(false);
    }

    private static async Task MosAsync(HttpContext context)
    {
        var release = await ListeningReleaseAsync(context).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.NotFound, "there has never been a release.");
        await WriteHtmlAsync(context, ListenPage.MosTable(release, await ScoresAsync(context, release).ConfigureAwait(false))).ConfigureAwait(false);
    }

    private static async Task<ListeningScores?> ScoresAsync(HttpContext context, Release release)
    {
        var ratings = await Get<IReleaseStore>(context).ListListeningRatingsAsync(release.ReleaseId, context.RequestAborted).ConfigureAwait(false);
        return ratings.Count == 0 ? null : ListeningScores.Of(release, ratings);
    }

    private static async Task NewTrialAsync(HttpContext context)
    {
        var caller = RequireConsoleRequest(context);
        var engine = Get<ReleaseEngine>(context);
        await engine.Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var release = engine.Active ?? throw new RpcException(StatusCode.FailedPrecondition, "no release is in progress: trials compare a release's canary with its stable.");
        var slots = Get<SlotClients>(context);
        if (WhyNoTrial(release, caller, slots) is { } why)
        {
            throw new RpcException(caller.CanSynthesize ? StatusCode.FailedPrecondition : StatusCode.PermissionDenied, why);
        }

        var set = Get<GoldenSets>(context).Get(release.Plan.GoldenSet);
        var item = set.Items[RandomNumberGenerator.GetInt32(set.Items.Count)];
        var request = new SynthesizeRequest
        {
            Text = item.Text,
            Language = item.Lang ?? string.Empty,
            Emotion = new EmotionSpec { Label = item.Emotion },
            Seed = (ulong)RandomNumberGenerator.GetInt32(int.MaxValue),
            Format = AudioFormat.WavPcm16,
        };
        var voice = Get<IOptions<RegressionOptions>>(context).Value.Voice;
        if (!string.IsNullOrEmpty(voice))
        {
            request.Voice = new VoiceSpec { PresetSpeaker = voice };
        }

        var canaryTask = slots.Synthesis(release.CanarySlot).SynthesizeAsync(request, slots.Call(context.RequestAborted)).ResponseAsync;
        var stableTask = slots.Synthesis(release.StableSlot).SynthesizeAsync(request, slots.Call(context.RequestAborted)).ResponseAsync;
        await Task.WhenAll(canaryTask, stableTask).ConfigureAwait(false);
        var canary = new TrialClip(Track.Canary, release.CanarySlot, (await canaryTask.ConfigureAwait(false)).Info?.ModelVersion is { Length: > 0 } cv ? cv : release.ModelVersion, (await canaryTask.ConfigureAwait(false)).Audio.Data.ToByteArray());
        var stable = new TrialClip(Track.Stable, release.StableSlot, (await stableTask.ConfigureAwait(false)).Info?.ModelVersion is { Length: > 0 } sv ? sv : release.StableModelVersion, (await stableTask.ConfigureAwait(false)).Audio.Data.ToByteArray());
        var canaryFirst = RandomNumberGenerator.GetInt32(2) == 0;
        var trial = new ListeningTrial(ListeningTrials.NewId(), release.ReleaseId, item, canaryFirst ? canary : stable, canaryFirst ? stable : canary, caller.Id, Get<TimeProvider>(context).GetUtcNow());
        Get<ListeningTrials>(context).Add(trial);
        await WriteJsonAsync(context, StatusCodes.Status201Created, new
        {
            trialId = trial.Id,
            releaseId = trial.ReleaseId,
            text = item.Text,
            emotion = item.Emotion,
            a = $"/console/api/listen/trials/{trial.Id}/a",
            b = $"/console/api/listen/trials/{trial.Id}/b",
        }).ConfigureAwait(false);
    }

    private static async Task TrialClipAsync(HttpContext context)
    {
        var trial = Get<ListeningTrials>(context).Get((string)context.Request.RouteValues["id"]!)
            ?? throw new RpcException(StatusCode.NotFound, "no such trial (rated already, or expired).");
        var clip = (string)context.Request.RouteValues["clip"]! switch
        {
            "a" => trial.A,
            "b" => trial.B,
            _ => throw new RpcException(StatusCode.NotFound, "a trial has clips a and b."),
        };
        context.Response.Headers.CacheControl = "no-store";
        await Results.Bytes(clip.Wav, "audio/wav", enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task RateAsync(HttpContext context)
    {
        var caller = RequireConsoleRequest(context);
        if (!caller.CanSynthesize)
        {
            throw new RpcException(StatusCode.PermissionDenied, "rating needs the synthesize role.");
        }

        var trials = Get<ListeningTrials>(context);
        var trial = trials.Get((string)context.Request.RouteValues["id"]!)
            ?? throw new RpcException(StatusCode.NotFound, "no such trial (rated already, or expired).");
        if (trial.Rater != caller.Id)
        {
            throw new RpcException(StatusCode.PermissionDenied, "a trial is rated by whoever asked for it.");
        }

        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var preference = body.TryGetProperty("preference", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? string.Empty : string.Empty;
        if (preference is not ("" or "a" or "b"))
        {
            throw new RpcException(StatusCode.InvalidArgument, "preference must be \"a\", \"b\" or \"\".");
        }

        var (aNatural, aFit) = (Score(body, "a", "naturalness"), Score(body, "a", "emotionFit"));
        var (bNatural, bFit) = (Score(body, "b", "naturalness"), Score(body, "b", "emotionFit"));
        if (preference.Length == 0 && aNatural + aFit + bNatural + bFit == 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, "rate at least one clip, or pick a preference.");
        }

        var now = Get<TimeProvider>(context).GetUtcNow().ToUnixTimeMilliseconds();
        ListeningRating Row(TrialClip clip, int naturalness, int fit, bool preferred) => new(
            Ids.New("rating", DateTimeOffset.FromUnixTimeMilliseconds(now)), trial.ReleaseId, trial.Id, clip.Track, clip.ModelVersion, caller.Id, naturalness, fit, preferred, trial.Item.Id, trial.Item.Emotion, now);
        ListeningRating[] rows = [Row(trial.A, aNatural, aFit, preference == "a"), Row(trial.B, bNatural, bFit, preference == "b")];
        try
        {
            await Get<IReleaseStore>(context).SaveListeningRatingsAsync(rows, context.RequestAborted).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            throw new RpcException(StatusCode.AlreadyExists, ex.Message);
        }

        trials.Remove(trial.Id);
        await WriteJsonAsync(context, StatusCodes.Status201Created, new
        {
            trialId = trial.Id,
            a = new { track = Name(trial.A.Track), modelVersion = trial.A.ModelVersion },
            b = new { track = Name(trial.B.Track), modelVersion = trial.B.ModelVersion },
        }).ConfigureAwait(false);
    }

    private static string Name(Track track) => track == Track.Canary ? "canary" : "stable";

    private static int Score(JsonElement body, string clip, string field)
    {
        if (!body.TryGetProperty(clip, out var c) || c.ValueKind != JsonValueKind.Object || !c.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var score) && score is >= 0 and <= 5
            ? score
            : throw new RpcException(StatusCode.InvalidArgument, $"{clip}.{field} must be 1..5 (or 0 / absent for not rated).");
    }

    // ---- Playground

    private static async Task PlaygroundPageAsync(HttpContext context)
    {
        var caller = Caller(context);
        var engine = Get<ReleaseEngine>(context);
        await engine.Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var routing = Get<RoutingHub>(context).Current;
        var slots = Get<SlotClients>(context);
        var stable = routing?.StableSlot is { } s && s != Slot.Unspecified ? s : Slot.Blue;
        var voices = new List<string>();
        if (slots.IsReachable(stable))
        {
            try
            {
                var listed = await slots.Synthesis(stable).ListVoicesAsync(new SynthesisListVoicesRequest { PageSize = 100 }, slots.Call(context.RequestAborted)).ResponseAsync.ConfigureAwait(false);
                voices.AddRange(listed.Voices.Where(v => v.Kind == VoiceKind.Preset).Select(v => v.Id));
            }
            catch (RpcException)
            {
                // The page still works with the default voice.
            }
        }

        string[] emotions;
        try
        {
            emotions = [.. Get<GoldenSets>(context).Get(Get<IOptions<RegressionOptions>>(context).Value.DefaultGoldenSet).Items.Select(i => i.Emotion).Distinct(StringComparer.Ordinal)];
        }
        catch (RpcException)
        {
            emotions = ["neutral", "happy", "sad", "angry", "surprised", "fearful", "disgusted"];
        }

        var hasCanary = engine.Active is { } active && routing?.CanarySlot == active.CanarySlot && slots.IsReachable(active.CanarySlot);
        await WriteHtmlAsync(context, PlaygroundPage.Render(caller, voices, emotions, hasCanary, Get<IOptions<ConsoleOptions>>(context).Value.MaxPlaygroundChars)).ConfigureAwait(false);
    }

    private static async Task PlayAsync(HttpContext context)
    {
        var caller = RequireConsoleRequest(context);
        if (!caller.CanSynthesize)
        {
            throw new RpcException(StatusCode.PermissionDenied, "the playground needs the synthesize role.");
        }

        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        string Text(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;
        double Number(string name, double fallback) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

        var text = Text("text").Trim();
        var max = Get<IOptions<ConsoleOptions>>(context).Value.MaxPlaygroundChars;
        if (text.Length == 0 || text.Length > max)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"text must be 1..{max} characters.");
        }

        var request = new SynthesizeRequest { Text = text, Speed = (float)Number("speed", 1), Format = AudioFormat.WavPcm16 };
        var strength = (float)Math.Clamp(Number("strength", 1), 0, 1);
        if (Text("description") is { Length: > 0 } description)
        {
            request.Emotion = new EmotionSpec { Description = description, Strength = strength };
        }
        else if (Text("emotion") is { Length: > 0 } label)
        {
            request.Emotion = new EmotionSpec { Label = label, Strength = strength };
        }

        if (Text("referenceAudio") is { Length: > 0 } reference)
        {
            if (!caller.CanClone)
            {
                throw new RpcException(StatusCode.PermissionDenied, "a reference clip (zero-shot cloning) needs the clone role.");
            }

            byte[] wav;
            try
            {
                wav = Convert.FromBase64String(reference);
            }
            catch (FormatException)
            {
                throw new RpcException(StatusCode.InvalidArgument, "referenceAudio must be base64.");
            }

            request.Voice = new VoiceSpec { Reference = new ReferenceVoice { Audio = new Contracts.V1.Audio { Data = ByteString.CopyFrom(wav), Format = AudioFormat.WavPcm16 } } };
        }
        else if (Text("voice") is { Length: > 0 } voice)
        {
            request.Voice = new VoiceSpec { PresetSpeaker = voice };
        }

        var engine = Get<ReleaseEngine>(context);
        await engine.Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var routing = Get<RoutingHub>(context).Current;
        var stable = routing?.StableSlot is { } s && s != Slot.Unspecified ? s : Slot.Blue;
        var canaryWanted = Text("track") == "canary";
        Slot slot;
        if (canaryWanted)
        {
            slot = engine.Active is { } active && routing?.CanarySlot == active.CanarySlot ? active.CanarySlot
                : throw new RpcException(StatusCode.FailedPrecondition, "no canary now: no release is in progress.");
        }
        else
        {
            slot = stable;
        }

        var slots = Get<SlotClients>(context);
        if (!slots.IsReachable(slot))
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"the controller has no address for slot {Names.Slot(slot)} (ReleaseController:Slots).");
        }

        var response = await slots.Synthesis(slot).SynthesizeAsync(request, slots.Call(context.RequestAborted)).ResponseAsync.ConfigureAwait(false);
        var wavBytes = response.Audio.Data.ToByteArray();
        context.Response.ContentType = "audio/wav";
        context.Response.Headers["x-voicefleet-model-version"] = response.Info?.ModelVersion ?? string.Empty;
        context.Response.Headers["x-voicefleet-slot"] = Names.Slot(slot);
        context.Response.Headers["x-voicefleet-track"] = canaryWanted ? "canary" : "stable";
        context.Response.Headers["x-voicefleet-real-time-factor"] = Html.N(response.Info?.RealTimeFactor ?? 0, "0.####");
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = wavBytes.Length;
        await context.Response.Body.WriteAsync(wavBytes, context.RequestAborted).ConfigureAwait(false);
    }

    // ---- Plumbing

    /// <summary>The caller of a POST that carries the console's header; else 403 (a cross-site form cannot set it).</summary>
    private static ConsoleCaller RequireConsoleRequest(HttpContext context)
    {
        if (context.Request.Headers[RequestHeader].ToString() != "1")
        {
            throw new RpcException(StatusCode.PermissionDenied, $"console actions must carry the header {RequestHeader}: 1.");
        }

        return Caller(context);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count == 0))
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        if (context.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"the body must be application/json, not {type}.");
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new RpcException(StatusCode.InvalidArgument, "the body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"the body is not valid JSON: {ex.Message}");
        }
    }

    private static async Task StaticAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        using var stream = type is null ? null : typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("console/" + name);
        if (stream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteHtmlAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "same-origin";
        await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task Guard(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (RpcException ex) when (!context.Response.HasStarted)
        {
            var status = ex.StatusCode switch
            {
                StatusCode.InvalidArgument or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.FailedPrecondition or StatusCode.Aborted or StatusCode.AlreadyExists => StatusCodes.Status409Conflict,
                StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
                StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
                StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
                StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
                _ => StatusCodes.Status500InternalServerError,
            };
            context.Response.Clear();
            await WriteJsonAsync(context, status, new { error = new { code = ex.StatusCode.CanonicalName(), message = ex.Status.Detail } }).ConfigureAwait(false);
        }
    }
}

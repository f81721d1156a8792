using System.Text;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Model;
using static VoiceFleet.ReleaseController.Console.Html;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>
/// The Releases page: the current (or latest) release with its step, window, gates and traffic, the actions an admin
/// may take, and the history. The live part is a fragment (<c>/console/releases/panel</c>) the page re-reads.
/// </summary>
internal static class ReleasesPage
{
    public static string Render(ConsoleCaller caller, Release? release, RoutingSnapshot? routing, IReadOnlyList<Release> history, DateTimeOffset now, int refreshMs)
    {
        var main = new StringBuilder();
        main.Append("<div id=\"release-panel\" data-refresh-ms=\"").Append(I(refreshMs)).Append("\" aria-live=\"polite\">")
            .Append(Panel(release, routing, history, now))
            .Append("</div>\n");
        main.Append(Actions(caller));
        return Layout("releases", "Releases", caller, main.ToString());
    }

    /// <summary>The action bar, outside the live fragment so focus and the confirmation survive refreshes. Admins only.</summary>
    private static string Actions(ConsoleCaller caller)
    {
        if (!caller.IsAdmin)
        {
            return "<p class=\"note\" data-testid=\"read-only\">Pause, resume, promote and abort need the <code>release-admin</code> role.</p>\n";
        }

        return """
            <section class="actions" aria-labelledby="actions-h" data-testid="actions">
            <h2 id="actions-h">Act on the release</h2>
            <div class="buttons">
            <button type="button" data-action="pause">Pause</button>
            <button type="button" data-action="resume">Resume</button>
            <button type="button" data-action="promote">Promote now</button>
            <button type="button" data-action="abort" class="danger">Abort (roll back)</button>
            </div>
            <p id="action-status" role="status"></p>
            </section>
            <dialog id="confirm" aria-labelledby="confirm-h">
            <form method="dialog">
            <h2 id="confirm-h">Confirm</h2>
            <p id="confirm-text"></p>
            <label for="confirm-reason">Reason (kept in the history)</label>
            <textarea id="confirm-reason" rows="2" maxlength="500"></textarea>
            <div class="buttons"><button value="cancel" type="submit">Cancel</button><button value="ok" type="submit" id="confirm-ok" class="danger">Confirm</button></div>
            </form>
            </dialog>

            """;
    }

    public static string Panel(Release? release, RoutingSnapshot? routing, IReadOnlyList<Release> history, DateTimeOffset now)
    {
        var html = new StringBuilder(8192);
        if (release is null)
        {
            html.Append("<section data-phase=\"none\" data-release=\"\"><p>No release yet. Start one with <code>voicefleet release start VERSION --slot green</code>.</p>");
            html.Append(Routing(routing)).Append("</section>");
            html.Append(History(history));
            return html.ToString();
        }

        var phase = Names.Phase(release.Phase);
        var terminal = Names.IsTerminal(release.Phase);
        html.Append("<section class=\"current\" aria-labelledby=\"current-h\" data-phase=\"").Append(phase)
            .Append("\" data-release=\"").Append(E(release.ReleaseId)).Append("\">")
            .Append("<h2 id=\"current-h\">").Append(terminal ? "Latest release " : "Current release ").Append("<code>").Append(E(release.ReleaseId)).Append("</code></h2>")
            .Append("<dl class=\"facts\">")
            .Append("<div><dt>Phase</dt><dd><span class=\"phase phase-").Append(phase).Append("\" data-testid=\"phase\">").Append(phase.Replace('_', ' ')).Append("</span></dd></div>")
            .Append("<div><dt>Canary</dt><dd>").Append(E(release.ModelVersion)).Append(" on ").Append(Names.Slot(release.CanarySlot)).Append("</dd></div>")
            .Append("<div><dt>Stable</dt><dd>").Append(E(release.StableModelVersion)).Append(" on ").Append(Names.Slot(release.StableSlot)).Append("</dd></div>")
            .Append("<div><dt>Canary weight</dt><dd data-testid=\"weight\">").Append(Percent(release.CanaryWeightBps)).Append("</dd></div>");
        var steps = release.Plan?.Steps ?? [];
        if (steps.Count > 0)
        {
            html.Append("<div><dt>Step</dt><dd data-testid=\"step\">").Append(I(Math.Min(release.CurrentStep + 1, steps.Count))).Append(" of ").Append(I(steps.Count)).Append("</dd></div>");
        }

        if (!terminal && release.WindowEnd is not null && release.Phase is ReleasePhase.Progressing or ReleasePhase.Paused)
        {
            var left = release.WindowEnd.ToDateTimeOffset() - now;
            var ms = Math.Max(0, (long)left.TotalMilliseconds);
            html.Append("<div><dt>Window ends in</dt><dd><span class=\"countdown\" data-testid=\"window-left\" data-left-ms=\"").Append(I(ms)).Append("\">")
                .Append(Countdown(ms)).Append("</span></dd></div>");
        }

        html.Append("<div><dt>Checks</dt><dd>").Append(I(release.FailedChecks)).Append(" failed, ").Append(I(release.InconclusiveChecks)).Append(" inconclusive in a row</dd></div>");
        if (terminal && release.OutcomeReason.Length > 0)
        {
            html.Append("<div class=\"wide\"><dt>Outcome</dt><dd data-testid=\"outcome\">").Append(E(release.OutcomeReason)).Append("</dd></div>");
        }

        html.Append("</dl>");
        html.Append(Steps(release));
        html.Append(Gates(release));
        html.Append(Traffic(release));
        html.Append(Transitions(release));
        html.Append(Routing(routing));
        html.Append("</section>");
        html.Append(History(history));
        return html.ToString();
    }

    private static string Countdown(long ms)
    {
        var seconds = (ms + 999) / 1000;
        return seconds >= 60 ? F($"{seconds / 60} min {seconds % 60:00} s") : F($"{seconds} s");
    }

    /// <summary>The plan's steps as a row of cells, the current one marked.</summary>
    private static string Steps(Release release)
    {
        var steps = release.Plan?.Steps;
        if (steps is null || steps.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<ol class=\"steps\" aria-label=\"Plan steps\">");
        for (var i = 0; i < steps.Count; i++)
        {
            var state = Names.IsTerminal(release.Phase) && release.Phase == ReleasePhase.Promoted ? "done"
                : i < release.CurrentStep ? "done"
                : i == release.CurrentStep && release.Phase is ReleasePhase.Progressing or ReleasePhase.Paused ? "current"
                : "todo";
            html.Append("<li class=\"").Append(state).Append('"').Append(state == "current" ? " aria-current=\"step\"" : string.Empty).Append('>')
                .Append(Percent(steps[i].CanaryWeightBps))
                .Append(" <small>").Append(I((long)steps[i].ObservationWindow.ToTimeSpan().TotalSeconds)).Append(" s</small></li>");
        }

        return html.Append("</ol>").ToString();
    }

    private static string Gates(Release release)
    {
        var latest = release.Analyses.Count > 0 ? release.Analyses[^1] : null;
        var html = new StringBuilder("<h3>Gates</h3>");
        if (latest is null)
        {
            return html.Append("<p class=\"note\">No window analysed yet.</p>").ToString();
        }

        html.Append("<p class=\"note\">Window ").Append(I(release.Analyses.Count)).Append(" (step ").Append(I(latest.StepIndex + 1)).Append("), ended ")
            .Append(Time(latest.WindowEnd.ToDateTimeOffset())).Append(": <strong>").Append(Names.Verdict(latest.Verdict)).Append("</strong>; metrics from ").Append(E(latest.Source)).Append(".</p>")
            .Append("<div class=\"scroll\"><table class=\"gates\" data-testid=\"gates\"><thead><tr><th scope=\"col\">Gate</th><th scope=\"col\">Verdict</th><th scope=\"col\">Canary</th><th scope=\"col\">Stable</th><th scope=\"col\">Score</th><th scope=\"col\">Threshold</th><th scope=\"col\">Samples (canary / stable / needed)</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        foreach (var g in latest.Gates)
        {
            var verdict = Names.Verdict(g.Verdict);
            html.Append("<tr><th scope=\"row\">").Append(Names.Gate(g.Gate).Replace('_', ' ')).Append("</th>")
                .Append("<td><span class=\"verdict v-").Append(verdict).Append("\">").Append(verdict).Append("</span></td>")
                .Append("<td class=\"num\">").Append(N(g.CanaryValue, "0.####")).Append("</td>")
                .Append("<td class=\"num\">").Append(N(g.StableValue, "0.####")).Append("</td>")
                .Append("<td class=\"num\">").Append(N(g.Score, "0.####")).Append("</td>")
                .Append("<td class=\"num\">").Append(N(g.Threshold, "0.####")).Append("</td>")
                .Append("<td class=\"num\">").Append(I(g.CanarySamples)).Append(" / ").Append(I(g.StableSamples)).Append(" / ").Append(I(g.MinSamples)).Append("</td>")
                .Append("<td>").Append(E(g.Message)).Append("</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    private static string Traffic(Release release)
    {
        var latest = release.Analyses.Count > 0 ? release.Analyses[^1] : null;
        if (latest is null || latest.Traffic.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<h3>Requests per track (last window)</h3><div class=\"scroll\"><table data-testid=\"traffic\"><thead><tr><th scope=\"col\">Track</th><th scope=\"col\">Slot</th><th scope=\"col\">Version</th><th scope=\"col\">Requests</th><th scope=\"col\">Errors</th><th scope=\"col\">Audio seconds</th></tr></thead><tbody>");
        foreach (var t in latest.Traffic)
        {
            html.Append("<tr><th scope=\"row\">").Append(t.Track == Track.Canary ? "canary" : "stable").Append("</th><td>").Append(Names.Slot(t.Slot)).Append("</td><td>").Append(E(t.ModelVersion))
                .Append("</td><td class=\"num\">").Append(I(t.Requests)).Append("</td><td class=\"num\">").Append(I(t.Errors)).Append("</td><td class=\"num\">").Append(N(t.AudioSeconds, "0.#")).Append("</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    private static string Transitions(Release release)
    {
        var html = new StringBuilder("<h3>What happened</h3><ol class=\"log\" reversed data-testid=\"transitions\">");
        foreach (var t in release.Transitions.Reverse())
        {
            html.Append("<li><time>").Append(Time(t.Time.ToDateTimeOffset())).Append("</time> ")
                .Append(Names.Phase(t.FromPhase).Replace('_', ' ')).Append(" → <strong>").Append(Names.Phase(t.ToPhase).Replace('_', ' ')).Append("</strong>, ")
                .Append(Percent(t.FromWeightBps)).Append(" → ").Append(Percent(t.ToWeightBps)).Append(", by <b>").Append(E(t.Actor)).Append("</b>");
            if (t.Reason.Length > 0)
            {
                html.Append(": ").Append(E(t.Reason));
            }

            if (t.FailedGate != GateKind.Unspecified)
            {
                html.Append(" <span class=\"verdict v-fail\">gate ").Append(Names.Gate(t.FailedGate)).Append("</span>");
            }

            html.Append("</li>");
        }

        return html.Append("</ol>").ToString();
    }

    private static string Routing(RoutingSnapshot? routing) => routing is null ? string.Empty
        : F($"<p class=\"note\" data-testid=\"routing\">Routing revision {routing.Revision}: stable {Names.Slot(routing.StableSlot)}, canary {Names.Slot(routing.CanarySlot)} at {Percent(routing.CanaryWeightBps)}; {string.Join(", ", routing.SlotVersions.Select(v => Names.Slot(v.Slot) + " = " + E(v.ModelVersion)))}.</p>");

    private static string History(IReadOnlyList<Release> history)
    {
        var html = new StringBuilder("<section aria-labelledby=\"history-h\"><h2 id=\"history-h\">History</h2>");
        if (history.Count == 0)
        {
            return html.Append("<p class=\"note\">No releases yet.</p></section>").ToString();
        }

        html.Append("<div class=\"scroll\"><table data-testid=\"history\"><thead><tr><th scope=\"col\">Release</th><th scope=\"col\">Version</th><th scope=\"col\">Started</th><th scope=\"col\">Ended</th><th scope=\"col\">Outcome</th><th scope=\"col\">Who acted</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        foreach (var r in history)
        {
            var people = r.Transitions.Select(t => t.Actor).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            var last = r.Transitions.Count > 0 ? r.Transitions[^1] : null;
            var why = r.OutcomeReason.Length > 0 ? r.OutcomeReason : last?.Reason ?? string.Empty;
            var phase = Names.Phase(r.Phase);
            html.Append("<tr><th scope=\"row\"><code>").Append(E(r.ReleaseId)).Append("</code></th><td>").Append(E(r.ModelVersion)).Append(" (").Append(Names.Slot(r.CanarySlot)).Append(")</td>")
                .Append("<td>").Append(r.CreateTime is null ? string.Empty : Time(r.CreateTime.ToDateTimeOffset())).Append("</td>")
                .Append("<td>").Append(r.EndTime is null ? "—" : Time(r.EndTime.ToDateTimeOffset())).Append("</td>")
                .Append("<td><span class=\"phase phase-").Append(phase).Append("\">").Append(phase.Replace('_', ' ')).Append("</span></td>")
                .Append("<td>").Append(E(string.Join(", ", people))).Append("</td>")
                .Append("<td>").Append(E(why)).Append("</td></tr>");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }
}

using System.Text;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.ReleaseController.Model;
using static VoiceFleet.ReleaseController.Console.Html;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>
/// The Listen page: blind A/B trials of the release's canary against its stable (same text, voice and seed; the order
/// drawn at random and kept on the server), 1–5 ratings of naturalness and emotion fit or a preference, and the mean
/// opinion scores so far with 95 % intervals.
/// </summary>
internal static class ListenPage
{
    public static string Render(ConsoleCaller caller, Release? release, bool canTrial, string? why, ListeningScores? scores)
    {
        var main = new StringBuilder(8192);
        if (release is null)
        {
            main.Append("<p>No release yet: blind tests compare a release's canary with its stable.</p>");
            return Layout("listen", "Listen", caller, main.ToString());
        }

        main.Append("<p>Release <code>").Append(E(release.ReleaseId)).Append("</code>: two clips of the same sentence, one from each version, in random order. ")
            .Append("Listen to both, then rate each one, or just pick the one you prefer. The versions are shown after you rate.</p>");
        if (canTrial)
        {
            main.Append("<section class=\"trial\" aria-labelledby=\"trial-h\" data-release=\"").Append(E(release.ReleaseId)).Append("\">")
                .Append("<h2 id=\"trial-h\">Trial</h2>")
                .Append("<button type=\"button\" id=\"new-trial\">New trial</button> <span id=\"trial-status\" role=\"status\"></span>")
                .Append("<form id=\"rate\" hidden><p id=\"trial-text\" class=\"say\"></p>")
                .Append("<div class=\"pair\">").Append(Clip("a", "A")).Append(Clip("b", "B")).Append("</div>")
                .Append("<fieldset class=\"pref\"><legend>Which do you prefer?</legend>")
                .Append("<label><input type=\"radio\" name=\"preference\" value=\"a\"> A</label>")
                .Append("<label><input type=\"radio\" name=\"preference\" value=\"b\"> B</label>")
                .Append("<label><input type=\"radio\" name=\"preference\" value=\"\" checked> No preference</label></fieldset>")
                .Append("<button type=\"submit\" id=\"submit-rating\">Submit ratings</button></form>")
                .Append("<p id=\"reveal\" role=\"status\" data-testid=\"reveal\"></p></section>");
        }
        else
        {
            main.Append("<p class=\"note\" data-testid=\"no-trials\">").Append(E(why ?? "No trials now.")).Append("</p>");
        }

        main.Append("<section aria-labelledby=\"mos-h\"><h2 id=\"mos-h\">Mean opinion scores</h2><div id=\"mos\" data-release=\"").Append(E(release.ReleaseId)).Append("\">")
            .Append(MosTable(release, scores)).Append("</div></section>");
        return Layout("listen", "Listen", caller, main.ToString());
    }

    private static string Clip(string id, string label)
    {
        var html = new StringBuilder();
        html.Append("<fieldset class=\"clip\"><legend>").Append(label).Append("</legend>")
            .Append("<audio controls preload=\"auto\" id=\"clip-").Append(id).Append("\" aria-label=\"Clip ").Append(label).Append("\"></audio>");
        foreach (var (field, title) in new[] { ("naturalness", "Naturalness"), ("emotion_fit", "Emotion fit") })
        {
            html.Append("<fieldset class=\"score\"><legend>").Append(title).Append(" of ").Append(label).Append(" (1 bad – 5 excellent)</legend>");
            for (var score = 1; score <= 5; score++)
            {
                html.Append("<label><input type=\"radio\" name=\"").Append(id).Append('_').Append(field).Append("\" value=\"").Append(I(score)).Append("\"> ").Append(I(score)).Append("</label>");
            }

            html.Append("</fieldset>");
        }

        return html.Append("</fieldset>").ToString();
    }

    /// <summary>The table of scores per version (also served alone, for the page to refresh after a rating).</summary>
    public static string MosTable(Release release, ListeningScores? scores)
    {
        if (scores is null)
        {
            return "<p class=\"note\" data-testid=\"mos-empty\">No ratings yet for this release.</p>";
        }

        var html = new StringBuilder("<div class=\"scroll\"><table data-testid=\"mos-table\"><thead><tr><th scope=\"col\">Track</th><th scope=\"col\">Version</th><th scope=\"col\">Trials</th><th scope=\"col\">Naturalness MOS (95 % CI)</th><th scope=\"col\">Emotion fit MOS (95 % CI)</th><th scope=\"col\">Preferred</th></tr></thead><tbody>");
        foreach (var v in new[] { scores.Stable, scores.Canary })
        {
            html.Append("<tr data-track=\"").Append(v.Track == Track.Canary ? "canary" : "stable").Append("\"><th scope=\"row\">").Append(v.Track == Track.Canary ? "canary" : "stable").Append("</th><td>").Append(E(v.ModelVersion)).Append("</td>")
                .Append("<td class=\"num\" data-testid=\"trials\">").Append(I(v.Trials)).Append("</td>")
                .Append("<td class=\"num\" data-testid=\"naturalness\">").Append(Mos(v.Naturalness)).Append("</td>")
                .Append("<td class=\"num\">").Append(Mos(v.EmotionFit)).Append("</td>")
                .Append("<td class=\"num\">").Append(I(v.Preferred)).Append(" of ").Append(I(scores.TrialsWithPreference)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
        var gates = release.Plan?.Gates;
        if (gates is not null)
        {
            html.Append("<p class=\"note\">The LISTENING gate is ").Append(ReleasePlans.IsEnabled(gates, GateKind.Listening) ? "on" : "off").Append(" for this release: it needs ")
                .Append(I(gates.MinListeningRatings)).Append(" naturalness ratings per version and fails when canary is below stable by more than ").Append(N(gates.MaxMosDrop, "0.0#")).Append(".</p>");
        }

        return html.ToString();
    }

    private static string Mos(MeanOpinion m) => m.Count == 0 ? "—" : F($"{m.Mean:0.00} ± {m.HalfWidth:0.00} (n = {m.Count})");
}

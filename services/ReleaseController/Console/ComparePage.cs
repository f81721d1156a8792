using System.Text;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Model;
using static VoiceFleet.ReleaseController.Console.Html;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>
/// The Compare page: two model versions over a golden-set evaluation run (the newest run that compared them): the
/// per-emotion table, charts drawn from the same rows, and every sentence playable from both versions.
/// </summary>
internal static class ComparePage
{
    public static string Render(ConsoleCaller caller, IReadOnlyList<EvaluationRun> runs, string baseline, string candidate, EvaluationRun? run, ArtifactFiles artifacts)
    {
        var main = new StringBuilder(16384);
        var versions = runs.SelectMany(r => new[] { r.BaselineModelVersion, r.CandidateModelVersion }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (runs.Count == 0)
        {
            main.Append("<p>No evaluation runs yet. Every release with a pre-rollout regression records one (golden set on both slots).</p>");
            return Layout("compare", "Compare", caller, main.ToString());
        }

        main.Append("<form class=\"pick\" method=\"get\" action=\"/console/compare\"><label for=\"baseline\">Baseline</label>").Append(Select("baseline", versions, baseline))
            .Append("<label for=\"candidate\">Candidate</label>").Append(Select("candidate", versions, candidate))
            .Append("<button type=\"submit\">Compare</button></form>");
        if (run is null)
        {
            main.Append("<p data-testid=\"no-run\">No evaluation run compares ").Append(E(candidate)).Append(" with ").Append(E(baseline)).Append(".</p>");
        }
        else
        {
            main.Append(Run(run, artifacts));
        }

        main.Append("<h2>Every run</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Candidate</th><th scope=\"col\">Baseline</th><th scope=\"col\">Started</th><th scope=\"col\">Verdict</th><th scope=\"col\">Release</th></tr></thead><tbody>");
        foreach (var r in runs)
        {
            main.Append("<tr><th scope=\"row\"><a href=\"/console/compare?run=").Append(Uri.EscapeDataString(r.RunId)).Append("\"><code>").Append(E(r.RunId)).Append("</code></a></th><td>")
                .Append(E(r.CandidateModelVersion)).Append("</td><td>").Append(E(r.BaselineModelVersion)).Append("</td><td>").Append(r.StartTime is null ? string.Empty : Time(r.StartTime.ToDateTimeOffset()))
                .Append("</td><td>").Append(Names.Verdict(r.Verdict)).Append("</td><td><code>").Append(E(r.ReleaseId)).Append("</code></td></tr>");
        }

        main.Append("</tbody></table></div>");
        return Layout("compare", "Compare", caller, main.ToString());
    }

    private static string Select(string name, IEnumerable<string> versions, string selected)
    {
        var html = new StringBuilder("<select id=\"").Append(name).Append("\" name=\"").Append(name).Append("\">");
        foreach (var v in versions)
        {
            html.Append("<option").Append(v == selected ? " selected" : string.Empty).Append('>').Append(E(v)).Append("</option>");
        }

        return html.Append("</select>").ToString();
    }

    private static string Run(EvaluationRun run, ArtifactFiles artifacts)
    {
        var b = run.BaselineModelVersion;
        var c = run.CandidateModelVersion;
        var html = new StringBuilder(16384);
        html.Append("<section aria-labelledby=\"run-h\" data-testid=\"run\"><h2 id=\"run-h\">").Append(E(c)).Append(" (candidate) against ").Append(E(b)).Append(" (baseline)</h2>")
            .Append("<p class=\"note\">Run <code>").Append(E(run.RunId)).Append("</code>").Append(run.StartTime is null ? string.Empty : ", " + Time(run.StartTime.ToDateTimeOffset()))
            .Append(", verdict <strong>").Append(Names.Verdict(run.Verdict)).Append("</strong>");
        foreach (var key in new[] { "golden_set", "voice", "seed", "items" })
        {
            if (run.Parameters.TryGetValue(key, out var value))
            {
                html.Append(", ").Append(E(key)).Append(' ').Append(E(value));
            }
        }

        html.Append(".</p>");

        var rows = run.Metrics.ToList();
        html.Append("<div class=\"scroll\"><table class=\"metrics\" data-testid=\"metrics\"><thead><tr><th scope=\"col\" rowspan=\"2\">Emotion</th><th scope=\"col\" rowspan=\"2\">Items</th><th scope=\"col\" rowspan=\"2\">Speaker similarity</th>")
            .Append("<th scope=\"colgroup\" colspan=\"2\">Emotion agreement</th><th scope=\"colgroup\" colspan=\"2\">p95 RTF</th><th scope=\"colgroup\" colspan=\"2\">Loudness LUFS</th><th scope=\"colgroup\" colspan=\"2\">Silence</th><th scope=\"colgroup\" colspan=\"2\">Clipping</th><th scope=\"colgroup\" colspan=\"2\">Failures</th></tr><tr>");
        for (var i = 0; i < 6; i++)
        {
            html.Append("<th scope=\"col\">").Append(E(c)).Append("</th><th scope=\"col\">").Append(E(b)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var m in rows)
        {
            html.Append(m.Emotion == "all" ? "<tr class=\"total\">" : "<tr>").Append("<th scope=\"row\">").Append(E(m.Emotion)).Append("</th><td class=\"num\">").Append(I(m.Items)).Append("</td>")
                .Append(Cell(m.SpeakerSimilarity))
                .Append(Cell(m.CandidateEmotionAgreement, "0%")).Append(Cell(m.BaselineEmotionAgreement, "0%"))
                .Append(Cell(m.CandidateP95Rtf)).Append(Cell(m.BaselineP95Rtf))
                .Append(Cell(m.CandidateLoudnessLufs, "0.0")).Append(Cell(m.BaselineLoudnessLufs, "0.0"))
                .Append(Cell(m.CandidateSilenceRatio, "0.0%")).Append(Cell(m.BaselineSilenceRatio, "0.0%"))
                .Append(Cell(m.CandidateClippingRatio, "0.00%")).Append(Cell(m.BaselineClippingRatio, "0.00%"))
                .Append("<td class=\"num\">").Append(I(m.CandidateFailures)).Append("</td><td class=\"num\">").Append(I(m.BaselineFailures)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");

        var emotions = rows.Where(m => m.Emotion != "all").ToList();
        string[] both = [c, b];
        html.Append("<div class=\"charts\">")
            .Append(SvgCharts.Bars("chart-similarity", "Speaker similarity, candidate vs baseline", "cosine", [c + " vs " + b], [.. emotions.Select(m => new ChartRow(m.Emotion, [m.SpeakerSimilarity]))], fixedMax: 1))
            .Append(SvgCharts.Bars("chart-agreement", "Emotion agreement", "share of items", both, [.. emotions.Select(m => new ChartRow(m.Emotion, [m.CandidateEmotionAgreement, m.BaselineEmotionAgreement]))], fixedMax: 1, format: "0%"))
            .Append(SvgCharts.Bars("chart-rtf", "p95 real-time factor (lower is faster)", "", both, [.. emotions.Select(m => new ChartRow(m.Emotion, [m.CandidateP95Rtf, m.BaselineP95Rtf]))], format: "0.####"))
            .Append(SvgCharts.Bars("chart-silence", "Silence ratio", "share of frames", both, [.. emotions.Select(m => new ChartRow(m.Emotion, [m.CandidateSilenceRatio, m.BaselineSilenceRatio]))], format: "0.0%"))
            .Append(SvgCharts.Bars("chart-clipping", "Clipping ratio", "share of samples", both, [.. emotions.Select(m => new ChartRow(m.Emotion, [m.CandidateClippingRatio, m.BaselineClippingRatio]))], format: "0.00%"))
            .Append(SvgCharts.Bars("chart-loudness", "Loudness", "LUFS", both, [.. emotions.Select(m => new ChartRow(m.Emotion, [m.CandidateLoudnessLufs, m.BaselineLoudnessLufs]))], format: "0.0"))
            .Append("</div>");

        html.Append("<h3>Sentences</h3><div class=\"scroll\"><table class=\"items\" data-testid=\"items\"><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Emotion</th><th scope=\"col\">Text</th><th scope=\"col\">")
            .Append(E(c)).Append("</th><th scope=\"col\">").Append(E(b)).Append("</th><th scope=\"col\">Similarity</th><th scope=\"col\">Heard as</th></tr></thead><tbody>");
        foreach (var item in run.Items)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(item.ItemId)).Append("</th><td>").Append(E(item.Emotion)).Append("</td><td lang=\"").Append(item.ItemId.StartsWith("zh", StringComparison.Ordinal) ? "zh" : "en").Append("\">").Append(E(item.Text)).Append("</td>")
                .Append("<td>").Append(Audio(artifacts.UrlOf(run.ArtifactDir, item.CandidateAudioPath), item.ItemId + " " + c)).Append("</td>")
                .Append("<td>").Append(Audio(artifacts.UrlOf(run.ArtifactDir, item.BaselineAudioPath), item.ItemId + " " + b)).Append("</td>")
                .Append(Cell(item.SpeakerSimilarity)).Append("<td>").Append(E(item.Error.Length > 0 ? "error: " + item.Error : item.CandidateEmotion)).Append("</td></tr>");
        }

        return html.Append("</tbody></table></div></section>").ToString();
    }

    private static string Audio(string? url, string label) => url is null
        ? "<span class=\"note\">not here</span>"
        : "<audio controls preload=\"none\" src=\"" + E(url) + "\" aria-label=\"" + E(label) + "\"></audio>";

    private static string Cell(double value, string format = "0.###") => "<td class=\"num\">" + N(value, format) + "</td>";
}

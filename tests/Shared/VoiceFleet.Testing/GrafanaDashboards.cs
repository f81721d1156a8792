using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoiceFleet.Testing;

/// <summary>
/// The committed Grafana dashboards (deploy/grafana/dashboards/*.json) and the PromQL they run: every panel target
/// and every query variable. Shared by the static checks of deploy/ (tests/VoiceFleet.Deploy.Tests, which compiles
/// this file in) and the live fleet checks (tests/Fleet.Tests).
/// </summary>
public static class GrafanaDashboards
{
    /// <summary>The dashboard files, full paths, in name order.</summary>
    public static IReadOnlyList<string> Files(string repositoryRoot) =>
        [.. Directory.GetFiles(Path.Combine(repositoryRoot, "deploy", "grafana", "dashboards"), "*.json").Order(StringComparer.Ordinal)];

    /// <summary>Parses a dashboard file strictly (no trailing commas).</summary>
    public static JsonObject Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!.AsObject();
    }

    /// <summary>Every panel, those nested in collapsed rows included, rows themselves left out.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return dashboard["panels"]!.AsArray().Select(p => p!.AsObject())
            .SelectMany(p => p["panels"] is JsonArray nested ? nested.Select(n => n!.AsObject()).Prepend(p) : [p])
            .Where(p => (string?)p["type"] != "row");
    }

    /// <summary>Every PromQL query of a dashboard with where it is (<c>panel 'Title'</c>, <c>variable name</c>).</summary>
    public static IReadOnlyList<(string Where, string Expr)> Queries(JsonObject dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return
        [
            .. Panels(dashboard).SelectMany(p => p["targets"]!.AsArray().Select(t => ($"panel '{p["title"]}'", (string)t!["expr"]!))),
            .. dashboard["templating"]!["list"]!.AsArray().Where(v => (string?)v!["type"] == "query")
                .Select(v => ($"variable {v!["name"]}", (string?)v["query"]?["query"] ?? (string)v["query"]!)),
        ];
    }
}

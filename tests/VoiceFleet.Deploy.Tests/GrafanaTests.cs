using System.Text.Json.Nodes;
using VoiceFleet.Deploy.Tests.Infrastructure;
using VoiceFleet.Testing;

namespace VoiceFleet.Deploy.Tests;

/// <summary>deploy/grafana: dashboards that load, with queries that read only documented metrics.</summary>
public sealed class GrafanaTests
{
    private static readonly string Dir = Repo.Path("deploy", "grafana");

    private static string[] DashboardFiles => [.. GrafanaDashboards.Files(Repo.Root).Select(f => new FileInfo(f).Name)];

    public static TheoryData<string> Dashboards => new(DashboardFiles);

    [Fact]
    public void Dashboards_TheFourViews_Exist()
    {
        Assert.Equal(["encoders-cache.json", "fleet-overview.json", "release-progress.json", "synthesis-performance.json"], DashboardFiles);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_Json_IsValidWithUniqueIdsAndPanelsOnAPrometheusSource(string file)
    {
        var dashboard = Load(file);
        Assert.StartsWith("voicefleet-", (string?)dashboard["uid"]);
        Assert.StartsWith("VoiceFleet / ", (string?)dashboard["title"]);
        var panels = Panels(dashboard).ToList();
        Assert.True(panels.Count >= 4, $"{file}: {panels.Count} panels");
        Assert.Equal(panels.Count, panels.Select(p => (long)p["id"]!).Distinct().Count());
        Assert.Contains(dashboard["templating"]!["list"]!.AsArray(), v => (string?)v!["type"] == "datasource" && (string?)v["query"] == "prometheus");
        foreach (var panel in panels)
        {
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace((string?)t!["expr"]), $"{file} panel {panel["title"]}: empty query"));
            Assert.Equal(targets.Count, targets.Select(t => (string?)t!["refId"]).Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_EveryQuery_ReadsOnlyKnownFamiliesOrRecordedRules(string file)
    {
        var (recorded, _) = PrometheusTests.ReadRules();
        var dashboard = Load(file);
        var unknown = GrafanaDashboards.Queries(dashboard)
            .SelectMany(q => PromQl.MetricNames(q.Expr).Where(n => !MetricCatalog.IsKnown(n, recorded)).Select(n => $"{q.Where}: {n}")).ToList();
        Assert.True(unknown.Count == 0, $"{file} reads metrics no documentation table lists and no rule records:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Provisioning_Files_PointAtPrometheusAndTheDashboards()
    {
        var datasources = Yaml.ParseFile(Path.Combine(Dir, "provisioning", "datasources", "prometheus.yaml"))!;
        Assert.Equal("prometheus", (string?)datasources["datasources"]![0]!["type"]);
        var providers = Yaml.ParseFile(Path.Combine(Dir, "provisioning", "dashboards", "voicefleet.yaml"))!;
        Assert.Equal("file", (string?)providers["providers"]![0]!["type"]);
        Assert.False(string.IsNullOrEmpty((string?)providers["providers"]![0]!["options"]!["path"]));
    }

    private static JsonObject Load(string file) => GrafanaDashboards.Load(Path.Combine(Dir, "dashboards", file));

    private static IEnumerable<JsonObject> Panels(JsonObject dashboard) => GrafanaDashboards.Panels(dashboard);
}

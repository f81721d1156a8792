using System.Text.Json.Nodes;
using VoiceFleet.Deploy.Tests.Infrastructure;
using VoiceFleet.Testing;

namespace VoiceFleet.Deploy.Tests;

/// <summary>deploy/prometheus: promtool on the rules and their unit tests, and the names the rules read.</summary>
public sealed class PrometheusTests
{
    private static readonly string Dir = Repo.Path("deploy", "prometheus");

    internal static string Promtool => Tool.Find("promtool", "run ./fleet setup (Debian package prometheus, deploy/local/apt-packages.txt).");

    internal static IReadOnlyList<string> RuleFiles => Directory.GetFiles(Path.Combine(Dir, "rules"), "*.yml").Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task PromtoolCheckRules_EveryRuleFile_Passes()
    {
        Assert.True(RuleFiles.Count >= 2);
        var result = await Tool.RunAsync(Promtool, ["check", "rules", .. RuleFiles]);
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public async Task PromtoolTestRules_UnitTests_Pass()
    {
        var tests = Directory.GetFiles(Path.Combine(Dir, "tests"), "*.yml");
        Assert.NotEmpty(tests);
        var result = await Tool.RunAsync(Promtool, ["test", "rules", .. tests], workingDirectory: Dir);
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public async Task PromtoolTestRules_AWrongExpectation_Fails()
    {
        // The unit tests prove something only if promtool rejects a wrong expectation.
        var original = await File.ReadAllTextAsync(Path.Combine(Dir, "tests", "voicefleet.test.yml"));
        var broken = original.Replace("value: 0.2\n", "value: 0.3\n", StringComparison.Ordinal)
            .Replace("../rules/", Path.Combine(Dir, "rules") + "/", StringComparison.Ordinal);
        Assert.NotEqual(original, broken);
        var path = Path.Combine(Path.GetTempPath(), $"voicefleet-broken-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, broken);
        try
        {
            var result = await Tool.RunAsync(Promtool, ["test", "rules", path], workingDirectory: Dir);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("3E-01", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PromtoolCheckConfig_LocalScrapeConfig_Passes()
    {
        var result = await Tool.RunAsync(Promtool, ["check", "config", Path.Combine(Dir, "prometheus-local.yml")]);
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void ScrapeConfigs_KubernetesAndLocal_LoadTheRuleFilesAndNameJobsAsThePodMonitor()
    {
        // Debian's Prometheus is built without Kubernetes discovery, so promtool cannot load prometheus.yml:
        // its structure is checked here instead.
        var config = Yaml.ParseFile(Path.Combine(Dir, "prometheus.yml"))!;
        var ruleFiles = config["rule_files"]!.AsArray().Select(r => Path.GetFullPath(Path.Combine(Dir, (string)r!))).Order().ToList();
        Assert.Equal(RuleFiles.Select(Path.GetFullPath).Order(), ruleFiles);
        var job = Assert.Single(config["scrape_configs"]!.AsArray())!;
        Assert.Equal("pod", (string?)job["kubernetes_sd_configs"]![0]!["role"]);
        Assert.Contains(job["relabel_configs"]!.AsArray(), r =>
            (string?)r!["target_label"] == "job" && (string?)r["source_labels"]![0] == "__meta_kubernetes_pod_label_app_kubernetes_io_name");

        var local = Yaml.ParseFile(Path.Combine(Dir, "prometheus-local.yml"))!;
        var jobs = local["scrape_configs"]!.AsArray().Select(j => (string)j!["job_name"]!).Order(StringComparer.Ordinal);
        Assert.Equal(["encoders", "frontend", "gateway", "release-controller", "synthesis"], jobs);
    }

    [Fact]
    public void Rules_EveryMetricRead_IsAFamilyInDocsMetrics()
    {
        var (recorded, expressions) = ReadRules();
        Assert.True(expressions.Count > 20);
        var unknown = expressions
            .SelectMany(e => PromQl.MetricNames(e.Expr).Select(n => (e.Rule, Name: n)))
            .Where(x => !MetricCatalog.IsKnown(x.Name, recorded))
            .Select(x => $"{x.Rule}: {x.Name}")
            .ToList();
        Assert.True(unknown.Count == 0, "rules read metrics docs/metrics.md does not list:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Alerts_Everyone_HasSeverityAndARunbookSectionInOperationsDoc()
    {
        var operations = File.ReadAllText(Repo.Path("docs", "operations.md"));
        var alerts = RuleFiles.SelectMany(f => Yaml.ParseFile(f)!["groups"]!.AsArray())
            .SelectMany(g => g!["rules"]!.AsArray()).Where(r => r!["alert"] is not null).Select(r => r!.AsObject()).ToList();
        Assert.True(alerts.Count >= 6);
        foreach (var alert in alerts)
        {
            var name = (string)alert["alert"]!;
            Assert.Contains((string?)alert["labels"]?["severity"], new[] { "critical", "warning", "info" });
            Assert.Equal($"docs/operations.md#{name.ToLowerInvariant()}", (string?)alert["annotations"]?["runbook_url"]);
            Assert.Contains($"### {name}", operations, StringComparison.Ordinal);
        }
    }

    /// <summary>The names recorded by the rules, and every (rule, expression) in the rule files.</summary>
    internal static (IReadOnlySet<string> Recorded, IReadOnlyList<(string Rule, string Expr)> Expressions) ReadRules()
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        var expressions = new List<(string, string)>();
        foreach (var file in RuleFiles)
        {
            foreach (var group in Yaml.ParseFile(file)!["groups"]!.AsArray())
            {
                foreach (var rule in group!["rules"]!.AsArray().Select(r => r!.AsObject()))
                {
                    var name = (string?)rule["record"] ?? (string)rule["alert"]!;
                    if (rule["record"] is JsonNode)
                    {
                        recorded.Add(name);
                    }

                    expressions.Add((name, (string)rule["expr"]!));
                }
            }
        }

        return (recorded, expressions);
    }
}

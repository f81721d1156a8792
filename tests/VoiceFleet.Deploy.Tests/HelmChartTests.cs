using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VoiceFleet.Deploy.Tests.Infrastructure;

namespace VoiceFleet.Deploy.Tests;

/// <summary>charts/voicefleet without a helm binary: Chart.yaml, the values against their schema, the references of the templates.</summary>
public sealed partial class HelmChartTests
{
    private static readonly string Dir = Repo.Path("charts", "voicefleet");

    public static TheoryData<string> Examples => new(Directory.GetFiles(Path.Combine(Dir, "examples"), "*.yaml").Select(f => new FileInfo(f).Name).Order(StringComparer.Ordinal));

    [Fact]
    public void ChartYaml_Fields_AreAValidApplicationChart()
    {
        var chart = Yaml.ParseFile(Path.Combine(Dir, "Chart.yaml"))!;
        Assert.Equal("v2", (string?)chart["apiVersion"]);
        Assert.Equal("voicefleet", (string?)chart["name"]);
        Assert.Equal("application", (string?)chart["type"]);
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$", (string?)chart["version"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)chart["appVersion"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)chart["description"]));
        Assert.Equal((string?)chart["appVersion"], (string?)Values()["image"]!["tag"]);
    }

    [Fact]
    public void ValuesSchema_DefaultValues_Validate()
    {
        var errors = JsonSchema.Validate(Schema(), Values());
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void ValuesSchema_ExampleValuesOverDefaults_Validate(string example)
    {
        var merged = Merge(Values(), Yaml.ParseFile(Path.Combine(Dir, "examples", example))!);
        var errors = JsonSchema.Validate(Schema(), merged);
        Assert.True(errors.Count == 0, $"{example}:\n" + string.Join('\n', errors));
    }

    [Theory]
    [InlineData("image:\n  tag: latest\n", "$.image.tag")]
    [InlineData("synthesis:\n  slots:\n    blue:\n      replica: 2\n", "unknown property 'replica'")]
    [InlineData("encoders:\n  storage: redis\n", "$.encoders.storage")]
    [InlineData("gateway:\n  replicas: \"3\"\n", "$.gateway.replicas")]
    public void ValuesSchema_BadOverrides_AreRejected(string overrides, string expected)
    {
        var merged = Merge(Values(), Yaml.ParseAll(overrides).Single()!);
        Assert.Contains(JsonSchema.Validate(Schema(), merged), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Templates_EveryValuesReference_ExistsInValuesYaml()
    {
        var values = Values();
        var missing = new List<string>();
        var count = 0;
        foreach (var template in Directory.GetFiles(Path.Combine(Dir, "templates")))
        {
            foreach (Match match in ValuesReference().Matches(File.ReadAllText(template)))
            {
                count++;
                JsonNode? node = values;
                foreach (var part in match.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
                {
                    node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child ?? JsonValue.Create("") : null;
                    if (node is null)
                    {
                        missing.Add($"{Path.GetFileName(template)}: .Values{match.Groups["path"].Value}");
                        break;
                    }
                }
            }
        }

        Assert.True(count > 50, $"only {count} references found");
        Assert.True(missing.Count == 0, "values referenced by templates but absent from values.yaml:\n" + string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void ValuesYaml_EveryTopLevelKey_IsReferencedByATemplate()
    {
        var templates = string.Concat(Directory.GetFiles(Path.Combine(Dir, "templates")).Select(File.ReadAllText));
        var unused = Values().Select(p => p.Key).Where(k => !templates.Contains($".Values.{k}", StringComparison.Ordinal)).ToList();
        Assert.True(unused.Count == 0, "values.yaml keys no template reads: " + string.Join(", ", unused));
    }

    [Fact]
    public void Templates_ConfigurationKeys_ExistInServiceOptions()
    {
        var pending = PendingKeys.Load();
        var keys = ChartConfigurationKeys().ToList();
        Assert.True(keys.Count > 15, $"only {keys.Count} keys found");
        var problems = keys
            .Select(k => (k, Why: ServiceOptionsCatalog.For(ServiceProject.All.Single(s => s.Image == k.Image)).Explain(k.Key)))
            .Where(x => x.Why is not null && !pending.Contains(x.k))
            .Select(x => $"{x.k.Image}: {x.k.Key}: {x.Why}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Templates_ModelFetchScript_IsTheKustomizeOne()
    {
        Assert.Equal(
            File.ReadAllText(Repo.Path("deploy", "kustomize", "base", "model-fetch.sh")),
            File.ReadAllText(Path.Combine(Dir, "files", "model-fetch.sh")));
    }

    [Fact]
    public async Task Templates_Workloads_AreThoseOfTheKustomizeBase()
    {
        var templates = string.Concat(Directory.GetFiles(Path.Combine(Dir, "templates")).Select(File.ReadAllText));
        var manifest = await Kustomize.RenderAsync("base");
        foreach (var o in manifest.Objects.Where(o => Manifest.Kind(o) is "Deployment" or "Service" or "NetworkPolicy" or "PersistentVolumeClaim" or "PodMonitor" or "HorizontalPodAutoscaler" or "PodDisruptionBudget"))
        {
            var name = Manifest.Name(o);
            var templated = name.StartsWith("synthesis-", StringComparison.Ordinal) ? "synthesis-{{ $slot }}" : name;
            Assert.True(
                templates.Contains($"name: {name}", StringComparison.Ordinal) || templates.Contains($"name: {templated}", StringComparison.Ordinal) ||
                templates.Contains($"\"name\" \"{name}\"", StringComparison.Ordinal) ||
                name.StartsWith("synthesis-", StringComparison.Ordinal) && templates.Contains("(printf \"synthesis-%s\" $slot)", StringComparison.Ordinal),
                $"the chart has no {Manifest.Kind(o)} named {name}");
        }
    }

    /// <summary>(service image, Section:Key) of every VOICEFLEET__ variable in the service's template (templates/&lt;image&gt;.yaml).</summary>
    internal static IEnumerable<(string Image, string Key)> ChartConfigurationKeys()
    {
        var templates = Path.Combine(Dir, "templates");
        var shared = File.ReadAllText(Path.Combine(templates, "configmap-service.yaml"));
        foreach (var service in ServiceProject.All)
        {
            var text = File.ReadAllText(Path.Combine(templates, service.Image + ".yaml")) + shared;
            foreach (Match match in Variable().Matches(text))
            {
                var key = ConfigKeyTests.ToKey(match.Groups["name"].Value);
                yield return (service.Image, match.Groups["index"].Success ? key + ":0" : key);
            }
        }
    }

    private static JsonObject Values() => Yaml.ParseFile(Path.Combine(Dir, "values.yaml"))!.AsObject();

    private static JsonNode Schema() => JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "values.schema.json")))!;

    /// <summary>Helm's merge of a values file over the defaults: maps merge, anything else replaces.</summary>
    private static JsonNode Merge(JsonNode defaults, JsonNode overrides)
    {
        if (defaults is not JsonObject baseObject || overrides is not JsonObject overObject)
        {
            return overrides.DeepClone();
        }

        var result = baseObject.DeepClone().AsObject();
        foreach (var (key, value) in overObject)
        {
            result[key] = result[key] is { } existing && value is not null ? Merge(existing, value) : value?.DeepClone();
        }

        return result;
    }

    [GeneratedRegex(@"\.Values(?<path>(?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"(?<name>VOICEFLEET__[A-Za-z0-9_]*[A-Za-z0-9])(?<index>__\{\{)?")]
    private static partial Regex Variable();
}

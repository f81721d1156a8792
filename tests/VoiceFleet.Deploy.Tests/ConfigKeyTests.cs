using System.Text.Json.Nodes;
using VoiceFleet.Deploy.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoiceFleet.Deploy.Tests;

/// <summary>Every VOICEFLEET__ variable the manifests give a service names a key its options classes bind.</summary>
public sealed class ConfigKeyTests(ITestOutputHelper output)
{
    private const string Prefix = "VOICEFLEET__";

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ConfigurationKeys_InRenderedManifests_ExistInServiceOptions(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        var pending = PendingKeys.Load();
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var (service, key, where) in ServiceKeys(manifest))
        {
            checkedKeys++;
            var why = ServiceOptionsCatalog.For(service).Explain(key);
            if (why is not null && !pending.Contains((service.Image, key)))
            {
                problems.Add($"{where}: {key}: {why}");
            }
        }

        Assert.True(checkedKeys > 20, $"only {checkedKeys} keys found in {target}: the key extraction is broken");
        Assert.True(problems.Count == 0, $"{target}: keys no options class binds (bind them, fix the manifest, or list them in pending-config-keys.txt):\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task PendingKeys_EachEntry_IsStillUsedByAManifest()
    {
        var used = new HashSet<(string, string)>();
        foreach (var target in new[] { "base", "overlays/local", "overlays/production" })
        {
            foreach (var (service, key, _) in ServiceKeys(await Kustomize.RenderAsync(target)))
            {
                used.Add((service.Image, key));
            }
        }

        foreach (var (service, key) in HelmChartTests.ChartConfigurationKeys())
        {
            used.Add((service, key));
        }

        var pending = PendingKeys.Load();
        var unused = pending.Where(p => !used.Contains(p)).ToList();
        Assert.True(unused.Count == 0, "pending-config-keys.txt lists keys nothing sets: " + string.Join(", ", unused));

        var boundNow = pending.Where(p => ServiceOptionsCatalog.For(ServiceProject.All.Single(s => s.Image == p.Image)).Explain(p.Key) is null).ToList();
        foreach (var (image, key) in boundNow)
        {
            output.WriteLine($"pending-config-keys.txt: {image} {key} is bound by now; remove the entry.");
        }
    }

    [Fact]
    public void Explain_UnknownAndKnownKeys_AreToldApart()
    {
        var encoders = ServiceOptionsCatalog.For(ServiceProject.All.Single(s => s.Image == "encoders"));
        Assert.Null(encoders.Explain("Encoders:Storage:Provider"));
        Assert.Null(encoders.Explain("encoders:storage:sqlitepath"));
        Assert.Null(encoders.Explain("Service:GrpcPort"));
        Assert.Null(encoders.Explain("Metrics:ConstantLabels:region"));
        Assert.Null(encoders.Explain("Metrics:MeterPrefixes:0"));
        Assert.Null(encoders.Explain("Logging:LogLevel:Default"));
        Assert.NotNull(encoders.Explain("Encoders:Storage:Providr"));
        Assert.NotNull(encoders.Explain("Encoders:Storage"));
        Assert.NotNull(encoders.Explain("Frontend:ModelStoreRoot"));
        Assert.NotNull(encoders.Explain("Metrics:MeterPrefixes:first"));
    }

    public static TheoryData<string> Targets => Kustomize.Targets;

    /// <summary>(service, Section:Key, where) for every VOICEFLEET__ variable a service container gets, inline or through envFrom.</summary>
    internal static IEnumerable<(ServiceProject Service, string Key, string Where)> ServiceKeys(Manifest manifest)
    {
        foreach (var workload in manifest.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var service = ServiceProject.ForImage((string?)container["image"] ?? string.Empty);
                if (service is null || service == ServiceProject.Cli)
                {
                    continue;
                }

                var where = $"{workload.Id} container {(string?)container["name"]}";
                foreach (var env in Workload.Array(container["env"]))
                {
                    var name = (string?)env["name"] ?? string.Empty;
                    if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        yield return (service, ToKey(name), where);
                    }
                }

                foreach (var source in Workload.Array(container["envFrom"]))
                {
                    var reference = source["configMapRef"] ?? source["secretRef"];
                    var kind = source["configMapRef"] is not null ? "ConfigMap" : "Secret";
                    var referenced = manifest.Find(kind, (string?)reference?["name"] ?? string.Empty);
                    var prefix = (string?)source["prefix"] ?? string.Empty;
                    foreach (var (name, _) in referenced?["data"] as JsonObject ?? [])
                    {
                        var full = prefix + name;
                        if (full.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                        {
                            yield return (service, ToKey(full), $"{where} via {kind}/{(string?)reference?["name"]}");
                        }
                    }
                }
            }
        }
    }

    internal static string ToKey(string variable) => variable[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);
}

/// <summary>pending-config-keys.txt: keys the deployment needs that no options class binds yet.</summary>
internal static class PendingKeys
{
    public static HashSet<(string Image, string Key)> Load()
    {
        var result = new HashSet<(string, string)>();
        foreach (var raw in File.ReadLines(Repo.Path("tests", "VoiceFleet.Deploy.Tests", "pending-config-keys.txt")))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(parts.Length == 2, $"pending-config-keys.txt: '{raw}' is not '<image> <Section:Key>'");
            Assert.Contains(ServiceProject.All, s => s.Image == parts[0]);
            result.Add((parts[0], parts[1]));
        }

        return result;
    }
}

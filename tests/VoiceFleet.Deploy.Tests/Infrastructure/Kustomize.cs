using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace VoiceFleet.Deploy.Tests.Infrastructure;

/// <summary>Renders deploy/kustomize with <c>kubectl kustomize</c>, once per target and test run.</summary>
internal static class Kustomize
{
    /// <summary>The targets that must render: the base alone and each overlay.</summary>
    public static readonly TheoryData<string> Targets = new("base", "overlays/local", "overlays/production");

    private static readonly ConcurrentDictionary<string, Lazy<Task<Manifest>>> Cache = new(StringComparer.Ordinal);

    public static Task<Manifest> RenderAsync(string target) =>
        Cache.GetOrAdd(target, t => new Lazy<Task<Manifest>>(() => RenderUncachedAsync(t))).Value;

    private static async Task<Manifest> RenderUncachedAsync(string target)
    {
        var kubectl = Tool.Find("kubectl", "kubectl (with kustomize) is preinstalled on the project's machines; see ../shared/PLATFORM.md.");
        var result = await Tool.RunAsync(kubectl, ["kustomize", Repo.Path("deploy", "kustomize", target)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {target} failed: {result.Describe()}");
        }

        return new Manifest(target, result.StandardOutput, Yaml.ParseAll(result.StandardOutput).Select(n => n!.AsObject()).ToList());
    }
}

/// <summary>The objects one kustomize target renders.</summary>
internal sealed record Manifest(string Target, string Text, IReadOnlyList<JsonObject> Objects)
{
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Kind(o) == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).FirstOrDefault(o => Name(o) == name);

    /// <summary>Deployments, StatefulSets, DaemonSets and Jobs with their pod templates.</summary>
    public IEnumerable<Workload> Workloads => Objects
        .Where(o => Kind(o) is "Deployment" or "StatefulSet" or "DaemonSet" or "Job")
        .Select(o => new Workload(o));

    public static string Kind(JsonObject o) => (string?)o["kind"] ?? string.Empty;

    public static string Name(JsonObject o) => (string?)o["metadata"]?["name"] ?? string.Empty;

    public static IReadOnlyDictionary<string, string> Labels(JsonNode? labels) =>
        labels is JsonObject obj ? obj.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal) : new Dictionary<string, string>();

    /// <summary>True when every pair of <paramref name="selector"/> is in <paramref name="labels"/> (an empty selector matches all).</summary>
    public static bool Matches(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value);
}

/// <summary>A workload and its pod template.</summary>
internal sealed record Workload(JsonObject Object)
{
    public string Kind => Manifest.Kind(Object);

    public string Name => Manifest.Name(Object);

    public string Id => $"{Kind}/{Name}";

    public JsonObject PodSpec => Object["spec"]!["template"]!["spec"]!.AsObject();

    public IReadOnlyDictionary<string, string> PodLabels => Manifest.Labels(Object["spec"]!["template"]!["metadata"]?["labels"]);

    public IEnumerable<JsonObject> Containers => Array(PodSpec["containers"]);

    public IEnumerable<JsonObject> InitContainers => Array(PodSpec["initContainers"]);

    public IEnumerable<JsonObject> AllContainers => InitContainers.Concat(Containers);

    public long Replicas => (long?)Object["spec"]?["replicas"] ?? 1;

    public static IEnumerable<JsonObject> Array(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n!.AsObject()) : [];
}

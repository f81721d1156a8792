using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VoiceFleet.Deploy.Tests.Infrastructure;

namespace VoiceFleet.Deploy.Tests;

/// <summary>The object graph of each rendered kustomize target (deploy/kustomize).</summary>
public sealed partial class KustomizeTests
{
    /// <summary>Secrets the production overlay expects to exist already (docs/operations.md).</summary>
    private static readonly HashSet<string> ExternalSecrets = ["voicefleet-postgres", "gateway-api-keys"];

    public static TheoryData<string> Targets => Kustomize.Targets;

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Render_EachTarget_HasEveryService(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        var deployments = manifest.OfKind("Deployment").Select(Manifest.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["encoders", "frontend", "gateway", "release-controller", "synthesis-blue", "synthesis-green"], deployments);
        foreach (var service in new[] { "gateway", "frontend", "encoders", "synthesis-blue", "synthesis-green", "release-controller" })
        {
            Assert.NotNull(manifest.Find("Service", service));
        }

        Assert.All(manifest.Objects, o => Assert.Equal("voicefleet", Manifest.Labels(o["metadata"]?["labels"]).GetValueOrDefault("app.kubernetes.io/part-of")));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Workloads_Selectors_MatchTheirPodLabels(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        foreach (var workload in manifest.Workloads.Where(w => w.Kind != "Job"))
        {
            var selector = Manifest.Labels(workload.Object["spec"]!["selector"]!["matchLabels"]);
            Assert.True(selector.Count > 0, $"{workload.Id} has an empty selector");
            Assert.True(Manifest.Matches(selector, workload.PodLabels), $"{workload.Id}: selector does not match its pod labels");
            var others = manifest.Workloads.Where(w => w != workload && w.Kind != "Job" && Manifest.Matches(selector, w.PodLabels)).Select(w => w.Id).ToList();
            Assert.True(others.Count == 0, $"{workload.Id}: selector also matches the pods of {string.Join(", ", others)}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Services_SelectorsAndTargetPorts_MatchContainerPorts(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        foreach (var service in manifest.OfKind("Service"))
        {
            var name = Manifest.Name(service);
            var selector = Manifest.Labels(service["spec"]!["selector"]);
            var backends = manifest.Workloads.Where(w => selector.Count > 0 && Manifest.Matches(selector, w.PodLabels)).ToList();
            Assert.True(backends.Count == 1, $"Service/{name} selects {backends.Count} workloads, expected one");
            var ports = backends[0].Containers.SelectMany(c => Workload.Array(c["ports"])).ToList();
            foreach (var port in Workload.Array(service["spec"]!["ports"]))
            {
                var targetPort = port["targetPort"] ?? port["port"];
                var match = targetPort!.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? ports.FirstOrDefault(p => (string?)p["name"] == (string?)targetPort)
                    : ports.FirstOrDefault(p => (long?)p["containerPort"] == (long?)targetPort);
                Assert.True(match is not null, $"Service/{name} port {port["name"]}: targetPort {targetPort} is no container port of {backends[0].Id}");
                Assert.Equal((string?)port["name"], (string?)match!["name"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Containers_Probes_UseGrpcHealthOnTheDeclaredGrpcPort(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        foreach (var workload in manifest.Workloads.Where(w => w.Kind == "Deployment"))
        {
            foreach (var container in workload.Containers)
            {
                var grpcPort = Workload.Array(container["ports"]).Single(p => (string?)p["name"] == "grpc");
                foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                {
                    var where = $"{workload.Id} container {container["name"]} {probe}";
                    var grpc = container[probe]?["grpc"];
                    Assert.True(grpc is not null, $"{where}: missing or not a gRPC probe");
                    Assert.True(grpc!["port"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number, $"{where}: the port must be a number (gRPC probes take no port names)");
                    Assert.Equal((long)grpcPort["containerPort"]!, (long)grpc["port"]!);
                    Assert.True(grpc["service"] is null || (string?)grpc["service"] == string.Empty, $"{where}: probe the whole server (service \"\")");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Containers_Everyone_HasResourcesAndARestrictedSecurityContext(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        foreach (var workload in manifest.Workloads)
        {
            var pod = workload.PodSpec;
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, $"{workload.Id}: pod runAsNonRoot");
            Assert.True((long?)pod["securityContext"]?["runAsUser"] > 0, $"{workload.Id}: pod runAsUser must be a non-zero uid");
            Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]?["seccompProfile"]?["type"]);
            Assert.False((bool?)pod["automountServiceAccountToken"] ?? true, $"{workload.Id}: no service account token (no service calls the Kubernetes API)");
            foreach (var container in workload.AllContainers)
            {
                var where = $"{workload.Id} container {container["name"]}";
                var security = container["securityContext"];
                Assert.True((bool?)security?["readOnlyRootFilesystem"] == true, $"{where}: readOnlyRootFilesystem");
                Assert.True((bool?)security?["allowPrivilegeEscalation"] == false, $"{where}: allowPrivilegeEscalation false");
                Assert.True(security?["capabilities"]?["drop"] is JsonArray drop && drop.Any(d => (string?)d == "ALL"), $"{where}: capabilities drop ALL");
                Assert.True(security?["capabilities"]?["add"] is null, $"{where}: adds capabilities");
                Assert.True((bool?)security?["privileged"] != true, $"{where}: privileged");
                foreach (var kind in new[] { "requests", "limits" })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        Assert.True(container["resources"]?[kind]?[resource] is not null, $"{where}: resources.{kind}.{resource}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Images_Everyone_IsPinnedToAVersionOrDigest(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        var images = manifest.Workloads.SelectMany(w => w.AllContainers.Select(c => (Where: $"{w.Id} {c["name"]}", Image: (string?)c["image"] ?? string.Empty))).ToList();
        Assert.NotEmpty(images);
        foreach (var (where, image) in images)
        {
            Assert.True(PinnedImage().IsMatch(image), $"{where}: image '{image}' is not pinned (want name:X.Y.Z or name@sha256:…; never latest)");
            Assert.DoesNotContain(":latest", image, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task References_ConfigMapsSecretsVolumesAndClaims_AllResolve(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        foreach (var workload in manifest.Workloads)
        {
            var volumes = Workload.Array(workload.PodSpec["volumes"]).ToDictionary(v => (string)v["name"]!, StringComparer.Ordinal);
            foreach (var (name, volume) in volumes)
            {
                if (volume["configMap"] is { } cm)
                {
                    Assert.True(manifest.Find("ConfigMap", (string)cm["name"]!) is not null, $"{workload.Id} volume {name}: ConfigMap {cm["name"]} is not rendered");
                }

                if (volume["persistentVolumeClaim"] is { } pvc)
                {
                    Assert.True(manifest.Find("PersistentVolumeClaim", (string)pvc["claimName"]!) is not null, $"{workload.Id} volume {name}: PVC {pvc["claimName"]} is not rendered");
                }

                if (volume["secret"] is { } secret)
                {
                    AssertSecret((string)secret["secretName"]!, $"{workload.Id} volume {name}");
                }
            }

            foreach (var container in workload.AllContainers)
            {
                var where = $"{workload.Id} container {container["name"]}";
                foreach (var mount in Workload.Array(container["volumeMounts"]))
                {
                    Assert.True(volumes.ContainsKey((string)mount["name"]!), $"{where}: mounts undeclared volume {mount["name"]}");
                }

                foreach (var source in Workload.Array(container["envFrom"]))
                {
                    if (source["configMapRef"] is { } cm)
                    {
                        Assert.True(manifest.Find("ConfigMap", (string)cm["name"]!) is not null, $"{where}: envFrom ConfigMap {cm["name"]} is not rendered");
                    }

                    if (source["secretRef"] is { } secret)
                    {
                        AssertSecret((string)secret["name"]!, where);
                    }
                }

                foreach (var env in Workload.Array(container["env"]))
                {
                    if (env["valueFrom"]?["configMapKeyRef"] is { } cmKey)
                    {
                        var cm = manifest.Find("ConfigMap", (string)cmKey["name"]!);
                        Assert.True(cm?["data"]?[(string)cmKey["key"]!] is not null, $"{where}: env {env["name"]} refers to a missing ConfigMap key");
                    }

                    if (env["valueFrom"]?["secretKeyRef"] is { } secretKey)
                    {
                        AssertSecret((string)secretKey["name"]!, where);
                    }
                }
            }
        }

        void AssertSecret(string name, string where) =>
            Assert.True(manifest.Find("Secret", name) is not null || ExternalSecrets.Contains(name), $"{where}: Secret {name} is neither rendered nor a documented external Secret");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ScalingObjects_HpaAndPdb_TargetExistingWorkloads(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        foreach (var hpa in manifest.OfKind("HorizontalPodAutoscaler"))
        {
            var reference = hpa["spec"]!["scaleTargetRef"]!;
            Assert.NotNull(manifest.Find((string)reference["kind"]!, (string)reference["name"]!));
        }

        foreach (var pdb in manifest.OfKind("PodDisruptionBudget"))
        {
            var selector = Manifest.Labels(pdb["spec"]!["selector"]!["matchLabels"]);
            var matched = manifest.Workloads.Count(w => Manifest.Matches(selector, w.PodLabels));
            Assert.True(matched == 1, $"PodDisruptionBudget/{Manifest.Name(pdb)} matches {matched} workloads");
        }

        foreach (var monitor in manifest.OfKind("PodMonitor"))
        {
            var selector = Manifest.Labels(monitor["spec"]!["selector"]!["matchLabels"]);
            foreach (var workload in manifest.Workloads.Where(w => w.Kind == "Deployment"))
            {
                Assert.True(Manifest.Matches(selector, workload.PodLabels), $"PodMonitor/{Manifest.Name(monitor)} does not scrape {workload.Id}");
                foreach (var endpoint in Workload.Array(monitor["spec"]!["podMetricsEndpoints"]))
                {
                    Assert.Contains(workload.Containers.SelectMany(c => Workload.Array(c["ports"])), p => (string?)p["name"] == (string?)endpoint["port"]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task NetworkPolicies_Ingress_OnlyGatewayFromOutsideAndNamedPeersInside(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        var policies = manifest.OfKind("NetworkPolicy").ToList();
        var deployments = manifest.Workloads.Where(w => w.Kind == "Deployment").ToList();
        var name = (Workload w) => w.PodLabels["app.kubernetes.io/name"];

        foreach (var workload in deployments)
        {
            var selecting = policies.Where(p => Manifest.Matches(Manifest.Labels(p["spec"]!["podSelector"]!["matchLabels"]), workload.PodLabels)).ToList();
            Assert.True(selecting.Count > 0, $"{workload.Id} is selected by no NetworkPolicy, so it accepts anything");
            var rules = selecting.SelectMany(p => Workload.Array(p["spec"]!["ingress"])).ToList();

            // Who may reach the gRPC port (5000)?
            var grpcRules = rules.Where(r => r["ports"] is not JsonArray ports || ports.Any(p => (long?)p!["port"] == 5000)).ToList();
            var fromAnywhere = grpcRules.Any(r => r["from"] is not JsonArray from || from.Count == 0);
            Assert.True(fromAnywhere == (name(workload) == "gateway"), $"{workload.Id}: open to any source = {fromAnywhere}");
            var peers = grpcRules.SelectMany(r => Workload.Array(r["from"]))
                .Select(f => f["podSelector"] is { } ps && f["namespaceSelector"] is null ? Manifest.Labels(ps["matchLabels"]).GetValueOrDefault("app.kubernetes.io/name", "?") : "other-namespace")
                .ToHashSet();
            // Who calls whom: synthesis → frontend, encoders; the gateway routes to everything behind it;
            // the release controller runs regression and shadow syntheses on the slots and compares them through the encoders.
            string[] expected = name(workload) switch
            {
                "gateway" => [],
                "frontend" => ["gateway", "synthesis"],
                "encoders" => ["gateway", "release-controller", "synthesis"],
                "synthesis" => ["gateway", "release-controller"],
                "release-controller" => ["gateway"],
                var other => throw new InvalidOperationException($"no expectation for {other}"),
            };
            Assert.Equal(expected, peers.Order(StringComparer.Ordinal));

            Assert.DoesNotContain("other-namespace", peers);
        }
    }

    [Fact]
    public async Task LocalOverlay_EveryDeployment_HasOneReplicaAndTheStoreIsForged()
    {
        var manifest = await Kustomize.RenderAsync("overlays/local");
        Assert.All(manifest.Workloads.Where(w => w.Kind == "Deployment"), w => Assert.Equal(1, w.Replicas));
        Assert.Empty(manifest.OfKind("HorizontalPodAutoscaler"));
        var forge = Assert.Single(manifest.Workloads, w => w.Kind == "Job");
        Assert.Equal(["models", "forge", "/srv/model-store"], forge.Containers.Single()["args"]!.AsArray().Select(a => (string)a!));
        Assert.All(manifest.Objects.Where(o => Manifest.Kind(o) != "Namespace"), o => Assert.Equal("voicefleet", (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public async Task ProductionOverlay_ReplicatedDeployments_HaveBudgetsSpreadAndGpus()
    {
        var manifest = await Kustomize.RenderAsync("overlays/production");
        var pdbs = manifest.OfKind("PodDisruptionBudget").ToList();
        foreach (var workload in manifest.Workloads.Where(w => w.Kind == "Deployment" && w.Name != "release-controller"))
        {
            Assert.True(workload.Replicas >= 2, $"{workload.Id}: {workload.Replicas} replica(s)");
            Assert.Contains(pdbs, p => Manifest.Matches(Manifest.Labels(p["spec"]!["selector"]!["matchLabels"]), workload.PodLabels));
            Assert.NotNull(workload.PodSpec["affinity"]?["podAntiAffinity"]);
        }

        foreach (var slot in new[] { "synthesis-blue", "synthesis-green" })
        {
            var synthesis = manifest.Workloads.Single(w => w.Name == slot);
            Assert.Equal("1", (string?)synthesis.Containers.Single()["resources"]!["limits"]!["nvidia.com/gpu"]);
            Assert.NotNull(synthesis.PodSpec["tolerations"]);
            Assert.NotNull(synthesis.PodSpec["nodeSelector"]);
        }

        var releaseController = manifest.Workloads.Single(w => w.Name == "release-controller");
        Assert.Equal(1, releaseController.Replicas);
        Assert.Equal("Recreate", (string?)releaseController.Object["spec"]!["strategy"]!["type"]);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task SynthesisSlots_InitContainer_FetchesTheVersionTheSlotServes(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        foreach (var slot in new[] { "blue", "green" })
        {
            var workload = manifest.Workloads.Single(w => w.Name == $"synthesis-{slot}");
            var init = Assert.Single(workload.InitContainers);
            var slotMaps = Workload.Array(init["envFrom"]).Select(e => (string)e["configMapRef"]!["name"]!).ToList();
            var map = manifest.Find("ConfigMap", Assert.Single(slotMaps))!;
            Assert.Equal(slot, (string?)map["data"]!["VOICEFLEET__Synthesis__Slot"]);
            Assert.Contains(slotMaps[0], workload.Containers.Single()["envFrom"]!.AsArray().Select(e => (string?)e!["configMapRef"]?["name"]));
            Assert.Matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", (string?)map["data"]!["VOICEFLEET__Synthesis__ModelVersion"]);

            // The init container writes the volume the service reads, read-only there.
            var served = workload.Containers.Single()["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "models")!;
            Assert.True((bool?)served["readOnly"]);
            Assert.Contains(init["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "models" && (string?)m["mountPath"] == (string?)served["mountPath"]);
        }
    }

    [GeneratedRegex(@"^[a-z0-9./-]+(:v?[0-9]+\.[0-9]+\.[0-9]+[A-Za-z0-9.+-]*(@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$")]
    private static partial Regex PinnedImage();
}

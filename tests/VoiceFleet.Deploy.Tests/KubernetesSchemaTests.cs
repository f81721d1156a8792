using System.Text.Json.Nodes;
using VoiceFleet.Deploy.Tests.Infrastructure;

namespace VoiceFleet.Deploy.Tests;

/// <summary>The rendered objects against the Kubernetes API schemas (npm kubernetes-models, offline, run by node).</summary>
public sealed class KubernetesSchemaTests
{
    private const string ModelsVersion = "5.1.0";

    public static TheoryData<string> Targets => Kustomize.Targets;

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Render_EveryObject_ValidatesAgainstTheApiSchema(string target)
    {
        var manifest = await Kustomize.RenderAsync(target);
        var result = await ValidateAsync(new JsonArray([.. manifest.Objects.Select(o => o.DeepClone())]));
        Assert.True(result.ExitCode == 0, $"{target}:\n{result.StandardOutput}{result.StandardError}");
        Assert.Contains($"checked {manifest.Objects.Count} objects, 0 invalid, 0 unknown", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AStringContainerPort_IsRejected()
    {
        var manifest = await Kustomize.RenderAsync("base");
        var deployment = manifest.Find("Deployment", "gateway")!.DeepClone();
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"] = "5000";
        var result = await ValidateAsync(new JsonArray(deployment));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("containerPort must be integer", result.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<ToolResult> ValidateAsync(JsonArray objects)
    {
        var models = Repo.Path(".tools", "kubernetes-models", ModelsVersion);
        Assert.True(File.Exists(Path.Combine(models, ".installed")), $"{Repo.Relative(models)} is missing: run ./fleet setup (it installs kubernetes-models@{ModelsVersion}).");
        var node = Tool.Find("node", "install Node.js (the project's machines have it; ./fleet setup needs npm).");
        var script = Repo.Path("tests", "VoiceFleet.Deploy.Tests", "validate-kubernetes.mjs");
        return await Tool.RunAsync(node, [script, models], standardInput: objects.ToJsonString());
    }
}

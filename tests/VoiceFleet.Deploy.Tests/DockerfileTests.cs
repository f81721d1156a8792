using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VoiceFleet.Deploy.Tests.Infrastructure;

namespace VoiceFleet.Deploy.Tests;

/// <summary>deploy/docker: images cannot be built here (no Docker engine), so their inputs and entry points are checked.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] ImageNames = [.. ServiceProject.All.Append(ServiceProject.Cli).Select(s => s.Image)];

    public static TheoryData<string> Images => new(ImageNames);

    [Fact]
    public void Dockerfiles_OnePerImage_AndNoOthers()
    {
        var files = Directory.GetFiles(Repo.Path("deploy", "docker"), "*.Dockerfile").Select(f => new FileInfo(f).Name).Order(StringComparer.Ordinal);
        Assert.Equal(ImageNames.Select(i => $"{i}.Dockerfile").Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_EveryCopiedPath_ExistsAndIsInTheBuildContext(string image)
    {
        var ignored = DockerIgnoredTopLevel();
        var copies = Instructions(image).Where(i => i.Op == "COPY" && !i.Args.StartsWith("--from", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                var path = Repo.Path(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{image}.Dockerfile copies {source}, which does not exist");
                Assert.DoesNotContain(source.Split('/')[0], ignored);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_PublishedProjectAndEntrypoint_MatchTheProjectsAssembly(string image)
    {
        var service = ServiceProject.ForImage(image)!;
        var instructions = Instructions(image).ToList();
        var publish = instructions.Where(i => i.Op == "RUN").Select(i => PublishedProject().Match(i.Args)).Single(m => m.Success);
        Assert.Equal(Repo.Relative(service.ProjectFile), publish.Groups["project"].Value);
        var entrypoint = JsonNode.Parse(instructions.Single(i => i.Op == "ENTRYPOINT").Args)!.AsArray().Select(a => (string)a!).ToList();
        Assert.Equal(["dotnet", service.AssemblyName + ".dll"], entrypoint);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Runtime_IsNonRootMultiStageAndPinned(string image)
    {
        var instructions = Instructions(image).ToList();
        Assert.True(instructions.Count(i => i.Op == "FROM") >= 2, "multi-stage: an SDK build stage and a runtime stage");
        var user = instructions.Last(i => i.Op == "USER").Args;
        Assert.Matches("^[1-9][0-9]*(:[1-9][0-9]*)?$", user);
        Assert.True(instructions.FindLastIndex(i => i.Op == "USER") > instructions.FindLastIndex(i => i.Op == "FROM"), "USER is set in the runtime stage");
        foreach (var arg in instructions.Where(i => i.Op == "ARG" && i.Args.Contains("IMAGE=", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(":latest", arg.Args, StringComparison.Ordinal);
            Assert.Contains(":", arg.Args.Split('=')[1], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Dockerfile_ExposedPorts_AreTheProbedPortsOfTheManifests(string image)
    {
        if (image == "cli")
        {
            Assert.DoesNotContain(Instructions(image), i => i.Op == "EXPOSE");
            return;
        }

        var exposed = Instructions(image).Single(i => i.Op == "EXPOSE").Args.Split(' ').Select(long.Parse).Order().ToList();
        var manifest = await Kustomize.RenderAsync("base");
        var container = manifest.Workloads.SelectMany(w => w.Containers).First(c => ServiceProject.ForImage((string)c["image"]!)?.Image == image);
        Assert.Equal(Workload.Array(container["ports"]).Select(p => (long)p["containerPort"]!).Order(), exposed);
    }

    [Theory]
    [InlineData("synthesis", "VOICEFLEET_ORT_LIBRARY")]
    [InlineData("encoders", "VOICEFLEET_ORT_LIBRARY")]
    [InlineData("frontend", "VOICEFLEET_PINYIN_DATA")]
    public void Dockerfile_NativeLibraries_ComeFromTheNpmPackagesTheProjectUses(string image, string variable)
    {
        var text = File.ReadAllText(Repo.Path("deploy", "docker", $"{image}.Dockerfile"));
        Assert.Contains($"ENV {variable}=", text, StringComparison.Ordinal);
        var fleet = File.ReadAllText(Repo.Path("fleet"));
        var version = variable == "VOICEFLEET_ORT_LIBRARY" ? FleetVersion().Match(fleet).Groups["ort"].Value : FleetPinyinVersion().Match(fleet).Groups["v"].Value;
        Assert.False(string.IsNullOrEmpty(version));
        Assert.Contains($"={version}\n", text, StringComparison.Ordinal);
    }

    private static HashSet<string> DockerIgnoredTopLevel() =>
        File.ReadLines(Repo.Path(".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('!') && !l.StartsWith("**", StringComparison.Ordinal))
            .Select(l => l.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Op, string Args)> Instructions(string image)
    {
        var text = File.ReadAllText(Repo.Path("deploy", "docker", $"{image}.Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            yield return (line[..space].ToUpperInvariant(), Regex.Replace(line[(space + 1)..].Trim(), @"\s+", " "));
        }
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"^ORT_VERSION=(?<ort>[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex FleetVersion();

    [GeneratedRegex(@"^PINYIN_DATA_VERSION=(?<v>[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex FleetPinyinVersion();
}

using System.Xml.Linq;

namespace VoiceFleet.Deploy.Tests.Infrastructure;

/// <summary>A service of the fleet: its project, its image and its assembly.</summary>
internal sealed record ServiceProject(string Image, string ProjectDirectory)
{
    /// <summary>The five services, as deploy/ names their images.</summary>
    public static readonly IReadOnlyList<ServiceProject> All =
    [
        new("gateway", "services/Gateway"),
        new("frontend", "services/Frontend"),
        new("encoders", "services/Encoders"),
        new("synthesis", "services/Synthesis"),
        new("release-controller", "services/ReleaseController"),
    ];

    /// <summary>The command-line tool, whose image runs the init containers and the forge Job.</summary>
    public static readonly ServiceProject Cli = new("cli", "services/Cli");

    public string ProjectFile => Directory.GetFiles(Repo.Path(ProjectDirectory), "*.csproj").Single();

    public string ProjectName => System.IO.Path.GetFileNameWithoutExtension(ProjectFile);

    /// <summary>The project's AssemblyName (the project name when it sets none).</summary>
    public string AssemblyName =>
        XDocument.Load(ProjectFile).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0) ?? ProjectName;

    /// <summary>The built assembly, under .artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/.</summary>
    public string BuiltAssembly => Repo.Path(".artifacts", "bin", ProjectName, Repo.Configuration.ToLowerInvariant(), AssemblyName + ".dll");

    public static ServiceProject? ForImage(string image)
    {
        var name = image.Split('@')[0];
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            name = name[..colon];
        }

        var last = name[(name.LastIndexOf('/') + 1)..];
        return All.Concat([Cli]).FirstOrDefault(s => s.Image == last);
    }
}

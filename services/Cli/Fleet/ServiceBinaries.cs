namespace VoiceFleet.Cli.Fleet;

/// <summary>
/// Finds each service's built assembly. The build puts every project under
/// <c>.artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/</c>, so the services sit beside this tool's own
/// folder; <c>--services-dir</c> or <c>VOICEFLEET_SERVICES_DIR</c> point elsewhere (a container image).
/// </summary>
internal sealed class ServiceBinaries(Func<string, string> locate)
{
    public const string EnvironmentVariable = "VOICEFLEET_SERVICES_DIR";

    public static ServiceBinaries Discover(string? servicesDirectory)
    {
        servicesDirectory ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(servicesDirectory))
        {
            var root = Path.GetFullPath(servicesDirectory);
            return new ServiceBinaries(project =>
            {
                var nested = Path.Combine(root, project, project + ".dll");
                return File.Exists(nested) ? nested : Path.Combine(root, project + ".dll");
            });
        }

        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = own.Name;
        var binRoot = own.Parent?.Parent?.FullName ?? own.FullName;
        return new ServiceBinaries(project => Path.Combine(binRoot, project, configuration, project + ".dll"));
    }

    /// <summary>The assembly path of <paramref name="project"/>; throws a message naming the build command when missing.</summary>
    public string Locate(string project)
    {
        var path = locate(project);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The {project} service is not built: expected {path}. Build the fleet with 'dotnet build Platform.sln -c Release' (or run './fleet up'), or point --services-dir at the built services.",
                path);
        }

        return path;
    }
}

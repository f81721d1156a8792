using Microsoft.Extensions.Options;
using VoiceFleet.ReleaseController.Configuration;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>
/// The evaluation runs' WAV files, served by path relative to the artifacts folder
/// (<c>ReleaseController:Regression:ArtifactsDirectory</c>). A path that leaves the folder (<c>..</c>, an absolute
/// path, a link pointing out), or that is not a <c>.wav</c> file, is refused.
/// </summary>
internal sealed class ArtifactFiles(IOptions<RegressionOptions> options)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(options.Value.ResolvedArtifactsDirectory);

    public string Root => _root;

    /// <summary>The URL path of a file under the folder, or null when it is elsewhere.</summary>
    public string? UrlOf(string directory, string file)
    {
        if (string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(file))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Join(directory, file));
        if (!IsInside(full))
        {
            return null;
        }

        var relative = Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');
        return "/console/artifacts/" + string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>The file a request names, or null when it may not be served (outside the folder, not a WAV, missing).</summary>
    public string? Resolve(string relative)
    {
        if (string.IsNullOrEmpty(relative) || relative.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(relative)
            || !relative.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Join(_root, relative));
        if (!IsInside(full) || !File.Exists(full))
        {
            return null;
        }

        // A link inside the folder must not lead out of it.
        var target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
        return target is null || IsInside(Path.GetFullPath(target.FullName)) ? full : null;
    }

    private bool IsInside(string full) =>
        full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

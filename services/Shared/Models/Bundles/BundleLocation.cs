using VoiceFleet.Models.IO;

namespace VoiceFleet.Models.Bundles;

/// <summary>
/// A bundle directory inside a containment root (the store root, or the bundle directory itself when loaded on its
/// own): every path resolved through it must stay inside the root after following symbolic links.
/// </summary>
/// <param name="Root">The containment root, resolved.</param>
/// <param name="Prefix">The bundle directory relative to the root (<c>name/version</c>); empty when the bundle is the root.</param>
/// <param name="Outside">Makes the exception for a path (relative to the root) that resolves outside it; the third argument is the manifest field involved, if any.</param>
internal sealed record BundleLocation(string Root, string Prefix, Func<string, string, string?, Exception> Outside)
{
    /// <summary>The bundle directory, resolved and checked.</summary>
    public string Directory => Prefix.Length == 0 ? Root : Resolve("", null);

    /// <summary>A bundle-relative path (<c>/</c>-separated), resolved and checked.</summary>
    public string Resolve(string relative, string? jsonPath)
    {
        var full = Prefix.Length == 0 ? relative : relative.Length == 0 ? Prefix : $"{Prefix}/{relative}";
        return ContainedPath.Resolve(Root, full, (prefix, real) => Outside(prefix, real, jsonPath));
    }

    /// <summary>A location for a bundle directory loaded on its own: its own directory is the root.</summary>
    public static BundleLocation Standalone(string directory, string manifestFile)
    {
        var root = RealPath.Resolve(directory);
        return new BundleLocation(root, "", (path, real, jsonPath) => new Manifest.ModelManifestException(
            manifestFile,
            jsonPath ?? "",
            $"'{path}' resolves to '{real}', outside the bundle directory '{root}'; symbolic links must stay inside the bundle"));
    }
}

namespace VoiceFleet.Models.IO;

/// <summary>
/// Resolves a relative path under a root, refusing it when any of its components (each prefix, after following
/// symbolic links) resolves outside the root. Links that stay inside the root are followed.
/// </summary>
internal static class ContainedPath
{
    /// <summary>The real path of <paramref name="root"/>/<paramref name="relative"/>.</summary>
    /// <param name="root">The root, already resolved (<see cref="RealPath.Resolve"/>).</param>
    /// <param name="relative">A <c>/</c>-separated path without <c>.</c> or <c>..</c> segments.</param>
    /// <param name="outside">Makes the exception for a prefix (as given) that resolves to a real path outside the root.</param>
    public static string Resolve(string root, string relative, Func<string, string, Exception> outside)
    {
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var real = root;
        for (var i = 1; i <= parts.Length; i++)
        {
            var prefix = string.Join('/', parts[..i]);
            real = RealPath.Resolve(Path.Join(root, prefix));
            if (!RealPath.IsInside(root, real))
            {
                throw outside(prefix, real);
            }
        }

        return real;
    }
}

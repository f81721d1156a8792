namespace VoiceFleet.Models.IO;

/// <summary>
/// Resolves every symbolic link in a path, as <c>realpath(3)</c> does: component by component, a link's target
/// replacing it (an absolute target restarting from the root), <c>..</c> applied after links are resolved. Components
/// that do not exist are kept as they are, so the path need not exist.
/// </summary>
internal static class RealPath
{
    /// <summary>The most links followed in one resolution (Linux's limit).</summary>
    private const int MaxLinks = 40;

    /// <summary>The path with every link resolved.</summary>
    /// <exception cref="IOException">More than 40 links were followed (a cycle).</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>();
        PushReversed(pending, full[root.Length..]);
        var resolved = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? root;
                continue;
            }

            var candidate = Path.Join(resolved, part);
            var target = LinkTarget(candidate);
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links resolving '{path}'.");
            }

            PushReversed(pending, target);
            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target) ?? root;
            }
        }

        return resolved;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or below it (both resolved).</summary>
    public static bool IsInside(string root, string path)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        return string.Equals(path, trimmed, comparison)
            || path.StartsWith(trimmed + Path.DirectorySeparatorChar, comparison)
            || (trimmed.Length > 0 && trimmed[^1] == Path.DirectorySeparatorChar && path.StartsWith(trimmed, comparison));
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            // lstat + readlink: null for anything that is not a link, including a path that does not exist.
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void PushReversed(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}

namespace VoiceFleet.Models.Manifest;

/// <summary>
/// The names of bundle files: relative, <c>/</c>-separated, no empty, <c>.</c> or <c>..</c> segment, no rooted path,
/// no backslash, no control character, and never <c>model.json</c> itself. Such a name cannot leave the bundle
/// directory by its text (symbolic links are checked when the file is opened).
/// </summary>
internal static class BundleFileNames
{
    /// <summary>Why <paramref name="name"/> is not a valid bundle file name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "a file name must not be empty";
        }

        if (name.Length > 1024)
        {
            return "a file name may have at most 1024 characters";
        }

        if (name.StartsWith('/') || Path.IsPathRooted(name) || (name.Length >= 2 && name[1] == ':'))
        {
            return $"'{name}' is a rooted path; file names are relative to the bundle directory";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return $"'{name}' contains '\\'; separate folders with '/'";
        }

        if (name.Any(char.IsControl))
        {
            return $"'{Printable(name)}' contains a control character";
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0)
            {
                return $"'{name}' has an empty path segment";
            }

            if (segment is "." or "..")
            {
                return $"'{name}' has a '{segment}' segment; file names must stay inside the bundle";
            }
        }

        if (string.Equals(name, ModelManifest.FileName, StringComparison.OrdinalIgnoreCase))
        {
            return $"'{name}' is the manifest itself, which is not listed";
        }

        return null;
    }

    /// <summary>The name with control characters shown as <c>\uXXXX</c>.</summary>
    public static string Printable(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}

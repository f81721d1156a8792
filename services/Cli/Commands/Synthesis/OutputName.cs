namespace VoiceFleet.Cli.Commands.Synthesis;

/// <summary>
/// The file name a batch task's <c>output_name</c> becomes: the name itself plus <c>.wav</c>, inside the output folder
/// and nowhere else. Names that could leave it (a path separator, <c>..</c>, a leading dot) or that no file system
/// takes are refused rather than rewritten, so two tasks never end up writing one file.
/// </summary>
internal static class OutputName
{
    /// <summary>Longest name accepted, characters, before <c>.wav</c>.</summary>
    public const int MaxLength = 200;

    private const string Extension = ".wav";

    /// <summary>The file name for <paramref name="name"/>, e.g. <c>chapter-01</c> → <c>chapter-01.wav</c> (an existing <c>.wav</c> is kept).</summary>
    /// <exception cref="InvalidDataException">The name is empty, too long, or could name a file outside the folder.</exception>
    public static string ToFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var stem = name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? name[..^Extension.Length] : name;
        if (stem.Trim().Length == 0)
        {
            throw new InvalidDataException("output_name is empty.");
        }

        if (stem.Length > MaxLength)
        {
            throw new InvalidDataException($"output_name is {stem.Length} characters long; at most {MaxLength}.");
        }

        if (stem.IndexOfAny(['/', '\\', ':']) >= 0 || stem.StartsWith('.') || stem.Any(char.IsControl))
        {
            throw new InvalidDataException($"output_name '{Printable(name)}' is not a plain file name: no '/', '\\', ':', leading '.' or control characters.");
        }

        return stem + Extension;
    }

    private static string Printable(string name) => new([.. name.Take(MaxLength).Select(c => char.IsControl(c) ? '?' : c)]);
}

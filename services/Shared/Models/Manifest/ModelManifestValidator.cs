namespace VoiceFleet.Models.Manifest;

/// <summary>
/// Checks a manifest against the rules of docs/models.md. The first problem found throws a
/// <see cref="ModelManifestException"/> whose <see cref="ModelManifestException.Path"/> is the field's JSON path.
/// </summary>
public static class ModelManifestValidator
{
    /// <summary>The lowest sample rate accepted, in Hz.</summary>
    public const int MinSampleRate = 8000;

    /// <summary>The highest sample rate accepted, in Hz.</summary>
    public const int MaxSampleRate = 192000;

    /// <summary>Validates <paramref name="manifest"/>, including that it lists every file with its hash.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="fileName">The file name used in messages.</param>
    /// <exception cref="ModelManifestException">A field is invalid; the message names it.</exception>
    public static void Validate(ModelManifest manifest, string fileName = ModelManifest.FileName) =>
        Validate(manifest, fileName, requireFiles: true);

    /// <summary>Validates; <paramref name="requireFiles"/> false for Piper voices, which list no files.</summary>
    internal static void Validate(ModelManifest manifest, string fileName, bool requireFiles)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(fileName);
        new ManifestChecker(fileName, requireFiles).Check(manifest);
    }
}

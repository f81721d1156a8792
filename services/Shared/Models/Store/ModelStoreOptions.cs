namespace VoiceFleet.Models.Store;

/// <summary>Where the model store is.</summary>
public sealed record ModelStoreOptions
{
    /// <summary>The store's root directory, holding <c>&lt;model&gt;/&lt;version&gt;/</c> bundles.</summary>
    public string Root { get; init; } = "";

    /// <summary>Throws unless <see cref="Root"/> names an existing directory.</summary>
    /// <exception cref="ModelStoreException">The root is empty, missing, or a file.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Root))
        {
            throw new ModelStoreException("ModelStoreOptions.Root is required: the directory holding <model>/<version>/ bundles.");
        }

        var full = Path.GetFullPath(Root);
        if (File.Exists(full))
        {
            throw new ModelStoreException($"Model store root '{full}' is a file, not a directory.");
        }

        if (!Directory.Exists(full))
        {
            throw new ModelStoreException($"Model store root '{full}' does not exist.");
        }
    }
}

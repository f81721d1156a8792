namespace VoiceFleet.Models.Store;

/// <summary>A model, or a version of it, that is not in the store; the message and <see cref="Available"/> list what is.</summary>
public sealed class ModelNotFoundException : Exception
{
    /// <summary>Creates the exception for a missing model (<paramref name="version"/> null) or a missing version.</summary>
    /// <param name="name">The model asked for.</param>
    /// <param name="version">The version asked for; null when the model itself is missing.</param>
    /// <param name="available">The models (when the model is missing) or the model's versions (when the version is).</param>
    /// <param name="root">The store root, for the message.</param>
    public ModelNotFoundException(string name, string? version, IReadOnlyList<string> available, string root)
        : base(Format(name, version, available, root))
    {
        Name = name;
        Version = version;
        Available = available;
    }

    /// <summary>Creates the exception.</summary>
    public ModelNotFoundException()
        : this("The model is not in the store.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing.</param>
    public ModelNotFoundException(string message)
        : base(message)
    {
        Name = "";
        Available = [];
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="innerException">The cause.</param>
    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = "";
        Available = [];
    }

    /// <summary>The model asked for.</summary>
    public string Name { get; }

    /// <summary>The version asked for; null when the model itself is missing.</summary>
    public string? Version { get; }

    /// <summary>What the store has instead: its models, or the model's versions.</summary>
    public IReadOnlyList<string> Available { get; }

    private static string Format(string name, string? version, IReadOnlyList<string> available, string root)
    {
        var list = available.Count == 0 ? "none" : string.Join(", ", available);
        return version is null
            ? $"Model '{name}' is not in the store '{root}'; models: {list}."
            : $"Model '{name}' has no version '{version}' in the store '{root}'; versions: {list}.";
    }
}

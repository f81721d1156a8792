namespace VoiceFleet.Models.Store;

/// <summary>
/// A store request refused or a store that cannot be used: an invalid or traversing name, a symbolic link that leads
/// out of the store, a root that is not a directory. The message says which path and why.
/// </summary>
public sealed class ModelStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelStoreException()
        : base("The model store refused the request.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which path and why.</param>
    public ModelStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">Which path and why.</param>
    /// <param name="innerException">The cause.</param>
    public ModelStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace VoiceFleet.Rpc;

/// <summary>
/// A call that ended with a non-OK status. Thrown by clients when the server returns an error, and
/// thrown by handlers to return a specific status (with optional trailers) to the caller.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception carrying <paramref name="status"/>.</summary>
    public RpcException(Status status)
        : this(status, Metadata.Empty)
    {
    }

    /// <summary>Creates an exception carrying <paramref name="status"/> and the trailers to send or that were received.</summary>
    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, null)
    {
    }

    /// <summary>Creates an exception carrying <paramref name="status"/>, trailers and the underlying cause.</summary>
    public RpcException(Status status, Metadata trailers, Exception? innerException)
        : base(status.ToString(), innerException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    /// <summary>Creates an exception from a code and detail message.</summary>
    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    /// <summary>Required by CA1032; prefer a constructor that names the status.</summary>
    public RpcException()
        : this(new Status(StatusCode.Unknown, string.Empty))
    {
    }

    /// <summary>Required by CA1032; the message becomes the detail of an <see cref="StatusCode.Unknown"/> status.</summary>
    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    /// <summary>Required by CA1032; the message becomes the detail of an <see cref="StatusCode.Unknown"/> status.</summary>
    public RpcException(string message, Exception innerException)
        : this(new Status(StatusCode.Unknown, message), Metadata.Empty, innerException)
    {
    }

    /// <summary>The call's status.</summary>
    public Status Status { get; }

    /// <summary>The status code, a shortcut for <c>Status.StatusCode</c>.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata received from, or to be sent to, the peer.</summary>
    public Metadata Trailers { get; }
}

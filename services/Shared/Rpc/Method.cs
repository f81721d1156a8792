using Google.Protobuf;

namespace VoiceFleet.Rpc;

/// <summary>Describes one method: its service, name, call shape and message types.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse> : IMethod
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    /// <summary>Creates a method descriptor.</summary>
    /// <param name="type">The call shape.</param>
    /// <param name="serviceName">Fully qualified service name, e.g. <c>voicefleet.v1.Synthesis</c>.</param>
    /// <param name="name">Method name, e.g. <c>Synthesize</c>.</param>
    /// <param name="requestParser">Parser of request messages.</param>
    /// <param name="responseParser">Parser of response messages.</param>
    /// <param name="idempotent">True when the method may be safely retried by clients.</param>
    public Method(MethodType type, string serviceName, string name, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser, bool idempotent = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(requestParser);
        ArgumentNullException.ThrowIfNull(responseParser);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        RequestParser = requestParser;
        ResponseParser = responseParser;
        IsIdempotent = idempotent;
    }

    /// <inheritdoc />
    public MethodType Type { get; }

    /// <inheritdoc />
    public string ServiceName { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string FullName { get; }

    /// <inheritdoc />
    public bool IsIdempotent { get; }

    /// <summary>Parser of request messages.</summary>
    public MessageParser<TRequest> RequestParser { get; }

    /// <summary>Parser of response messages.</summary>
    public MessageParser<TResponse> ResponseParser { get; }

    /// <inheritdoc />
    public override string ToString() => FullName;
}

/// <summary>The type-independent part of a method descriptor.</summary>
public interface IMethod
{
    /// <summary>The call shape.</summary>
    MethodType Type { get; }

    /// <summary>Fully qualified service name.</summary>
    string ServiceName { get; }

    /// <summary>Method name.</summary>
    string Name { get; }

    /// <summary>The HTTP/2 path, <c>/package.Service/Method</c>.</summary>
    string FullName { get; }

    /// <summary>True when clients may retry the call on UNAVAILABLE.</summary>
    bool IsIdempotent { get; }
}

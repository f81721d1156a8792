using Google.Protobuf;

namespace VoiceFleet.Rpc.Server;

/// <summary>A service's methods, each with its handler; built once at start-up.</summary>
public sealed class ServiceDefinition
{
    private ServiceDefinition(string serviceName, IReadOnlyList<MethodBinding> methods)
    {
        ServiceName = serviceName;
        Methods = methods;
    }

    /// <summary>Fully qualified service name.</summary>
    public string ServiceName { get; }

    /// <summary>The bound methods.</summary>
    public IReadOnlyList<MethodBinding> Methods { get; }

    /// <summary>Starts a definition for <paramref name="serviceName"/>.</summary>
    public static Builder CreateBuilder(string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        return new Builder(serviceName);
    }

    /// <summary>Collects method bindings.</summary>
    public sealed class Builder
    {
        private readonly string _serviceName;
        private readonly List<MethodBinding> _methods = [];

        internal Builder(string serviceName) => _serviceName = serviceName;

        /// <summary>Binds a unary method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.Unary, options => new UnaryCallHandler<TRequest, TResponse>(method, handler, options));

        /// <summary>Binds a client-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.ClientStreaming, options => new ClientStreamingCallHandler<TRequest, TResponse>(method, handler, options));

        /// <summary>Binds a server-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.ServerStreaming, options => new ServerStreamingCallHandler<TRequest, TResponse>(method, handler, options));

        /// <summary>Binds a bidirectional-streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
            => Add(method, MethodType.DuplexStreaming, options => new DuplexStreamingCallHandler<TRequest, TResponse>(method, handler, options));

        /// <summary>Finishes the definition.</summary>
        public ServiceDefinition Build() => new(_serviceName, _methods.ToArray());

        private Builder Add(IMethod method, MethodType expected, Func<ServerCallHandlerOptions, ServerCallHandler> factory)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (method.ServiceName != _serviceName)
            {
                throw new ArgumentException($"Method {method.FullName} does not belong to service {_serviceName}.", nameof(method));
            }

            if (method.Type != expected)
            {
                throw new ArgumentException($"Method {method.FullName} is {method.Type}, but a {expected} handler was given.", nameof(method));
            }

            if (_methods.Any(m => m.Method.FullName == method.FullName))
            {
                throw new ArgumentException($"Method {method.FullName} is bound twice.", nameof(method));
            }

            _methods.Add(new MethodBinding(method, factory));
            return this;
        }
    }
}

/// <summary>One method and the factory of its call handler.</summary>
public sealed class MethodBinding
{
    internal MethodBinding(IMethod method, Func<ServerCallHandlerOptions, ServerCallHandler> createHandler)
    {
        Method = method;
        CreateHandler = createHandler;
    }

    /// <summary>The method.</summary>
    public IMethod Method { get; }

    internal Func<ServerCallHandlerOptions, ServerCallHandler> CreateHandler { get; }
}

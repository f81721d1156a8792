using System.Collections.Concurrent;

namespace VoiceFleet.Rpc.Server;

/// <summary>The services and methods mapped in this process; tells "unknown service" from "unknown method".</summary>
public sealed class GrpcServiceRegistry
{
    private readonly ConcurrentDictionary<string, ServiceDefinition> _services = new(StringComparer.Ordinal);

    /// <summary>Names of every mapped service.</summary>
    public IReadOnlyCollection<string> ServiceNames => _services.Keys.Order(StringComparer.Ordinal).ToArray();

    internal void Add(ServiceDefinition definition)
    {
        if (!_services.TryAdd(definition.ServiceName, definition))
        {
            throw new InvalidOperationException($"Service {definition.ServiceName} is mapped twice.");
        }
    }

    /// <summary>True when <paramref name="serviceName"/> is mapped.</summary>
    public bool Contains(string serviceName) => _services.ContainsKey(serviceName);
}

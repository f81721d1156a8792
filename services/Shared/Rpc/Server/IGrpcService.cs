namespace VoiceFleet.Rpc.Server;

/// <summary>A gRPC service implementation that can describe its methods and handlers.</summary>
public interface IGrpcService
{
    /// <summary>Binds every method of the service to its handler.</summary>
    ServiceDefinition BindService();
}

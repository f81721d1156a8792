using VoiceFleet.Gateway.Auth;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>What a route needs and how it is measured.</summary>
/// <param name="Backend">The service that serves it.</param>
/// <param name="MethodLabel">The <c>grpc_method</c> label: the gRPC method path without its slash, or <c>rest/...</c> for a REST route.</param>
/// <param name="Required">Roles the key must hold.</param>
/// <param name="IsGrpc">Errors are answered in gRPC form (Trailers-Only) rather than JSON.</param>
/// <param name="InspectForClone">A request carrying inline reference audio also needs <see cref="ApiRoles.Clone"/>.</param>
internal sealed record RoutePolicy(BackendService Backend, string MethodLabel, ApiRoles Required, bool IsGrpc, bool InspectForClone);

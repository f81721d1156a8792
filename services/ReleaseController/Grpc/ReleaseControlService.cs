using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Grpc;

/// <summary>
/// The gRPC surface of the release-controller service: releases: plan, analysis, promotion and rollback; routing for gateways.
/// Methods not overridden here answer UNIMPLEMENTED; docs/contracts.md lists which ones.
/// </summary>
internal sealed class ReleaseControlService : ReleaseControlServiceBase
{
}

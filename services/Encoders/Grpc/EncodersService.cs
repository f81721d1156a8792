using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Encoders.Grpc;

/// <summary>
/// The gRPC surface of the encoders service: speaker and emotion embeddings, voice enrolment.
/// Methods not overridden here answer UNIMPLEMENTED; docs/contracts.md lists which ones.
/// </summary>
internal sealed class EncodersService : EncodersServiceBase
{
}

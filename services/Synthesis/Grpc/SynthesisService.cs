using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Synthesis.Grpc;

/// <summary>
/// The gRPC surface of the synthesis service: speech synthesis, watermark detection, voices and model versions.
/// Methods not overridden here answer UNIMPLEMENTED; docs/contracts.md lists which ones.
/// </summary>
internal sealed class SynthesisService : SynthesisServiceBase
{
}

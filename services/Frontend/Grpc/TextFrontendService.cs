using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Frontend.Grpc;

/// <summary>
/// The gRPC surface of the frontend service: text analysis (normalization, SSML, G2P, polyphone lexicon).
/// Methods not overridden here answer UNIMPLEMENTED; docs/contracts.md lists which ones.
/// </summary>
internal sealed class TextFrontendService : TextFrontendServiceBase
{
}

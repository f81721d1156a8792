namespace VoiceFleet.Gateway.Proxy;

/// <summary>The services behind the gateway.</summary>
internal enum BackendService
{
    Frontend,
    Encoders,
    Synthesis,
    ReleaseControl,
}

namespace VoiceFleet.Cli.Fleet;

/// <summary>One process of the local fleet: which service, its ports and its configuration overrides.</summary>
/// <param name="Name">Name shown in output, e.g. <c>synthesis-blue</c>.</param>
/// <param name="Project">Project (and assembly) name, e.g. <c>VoiceFleet.Synthesis</c>.</param>
/// <param name="GrpcPort">Its h2c gRPC port.</param>
/// <param name="HttpPort">Its HTTP/1.1 port (REST, /metrics, /healthz, /readyz).</param>
/// <param name="Settings">Configuration overrides, passed as <c>VOICEFLEET__...</c> environment variables.</param>
internal sealed record FleetMember(string Name, string Project, int GrpcPort, int HttpPort, IReadOnlyDictionary<string, string> Settings)
{
    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>The HTTP address as people write it, without a trailing slash.</summary>
    public string HttpUrl => $"http://127.0.0.1:{HttpPort}";
}

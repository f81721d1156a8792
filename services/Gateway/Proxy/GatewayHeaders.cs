namespace VoiceFleet.Gateway.Proxy;

/// <summary>Headers the gateway owns. Clients never set any <c>x-voicefleet-*</c> header on the services.</summary>
internal static class GatewayHeaders
{
    /// <summary>Every header with this prefix from a client is removed before proxying.</summary>
    public const string ReservedPrefix = "x-voicefleet-";

    /// <summary>The track (<c>stable</c>/<c>canary</c>): a tester's override on requests; the gateway's choice to Synthesis and on responses.</summary>
    public const string Track = "x-voicefleet-track";

    /// <summary>The model version that served a response (set by Synthesis; filled in from the routing when missing).</summary>
    public const string ModelVersion = "x-voicefleet-model-version";

    /// <summary>The authenticated key's id, for the services' audit logs and consent records.</summary>
    public const string Caller = "x-voicefleet-caller";

    /// <summary>The authenticated key's roles, comma-separated role names (<c>synthesize,release-admin</c>), so a service can refuse per action (the console).</summary>
    public const string Roles = "x-voicefleet-roles";

    /// <summary>The retry hint of a rate-limited gRPC call, in milliseconds (gRPC's server pushback).</summary>
    public const string RetryPushback = "grpc-retry-pushback-ms";
}

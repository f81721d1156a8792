using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Auth;
using VoiceFleet.Rpc;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>
/// Every route the gateway serves, with the role each needs. gRPC methods are read from the generated
/// contracts, so a method added to a proto is routed (with its service's default role) without a change here.
/// </summary>
internal static class RouteTable
{
    /// <summary>The gRPC services proxied, by full name.</summary>
    public static readonly IReadOnlyList<(string Service, BackendService Backend)> GrpcServices =
    [
        (TextFrontendContract.ServiceName, BackendService.Frontend),
        (EncodersContract.ServiceName, BackendService.Encoders),
        (SynthesisContract.ServiceName, BackendService.Synthesis),
        (ReleaseControlContract.ServiceName, BackendService.ReleaseControl),
    ];

    /// <summary>REST path patterns proxied (ASP.NET Core route templates).</summary>
    public static readonly IReadOnlyList<string> RestPatterns =
    [
        "/v1/text/analyze",
        "/v1/voices", "/v1/voices/{**rest}",
        "/v1/emotions/analyze",
        "/v1/tts", "/v1/audio/speech",
        "/v1/releases", "/v1/releases/{**rest}",
        "/console", "/console/{**rest}",
    ];

    private static readonly FrozenDictionary<string, RoutePolicy> Grpc = BuildGrpc();

    private static readonly FrozenDictionary<string, RoutePolicy> UnknownGrpc = GrpcServices.ToFrozenDictionary(
        s => s.Service,
        s => new RoutePolicy(s.Backend, "unknown", DefaultRole(s.Backend), IsGrpc: true, InspectForClone: false),
        StringComparer.Ordinal);

    private static readonly RoutePolicy TextAnalyze = new(BackendService.Frontend, "rest/v1/text/analyze", ApiRoles.Synthesize, false, false);
    private static readonly RoutePolicy Voices = new(BackendService.Encoders, "rest/v1/voices", ApiRoles.Enroll, false, false);
    private static readonly RoutePolicy EmotionsAnalyze = new(BackendService.Encoders, "rest/v1/emotions/analyze", ApiRoles.Synthesize, false, false);
    private static readonly RoutePolicy Tts = new(BackendService.Synthesis, "rest/v1/tts", ApiRoles.Synthesize, false, true);
    private static readonly RoutePolicy Speech = new(BackendService.Synthesis, "rest/v1/audio/speech", ApiRoles.Synthesize, false, true);
    private static readonly RoutePolicy ReleasesRead = new(BackendService.ReleaseControl, "rest/v1/releases", ApiRoles.None, false, false);
    private static readonly RoutePolicy ReleasesWrite = new(BackendService.ReleaseControl, "rest/v1/releases", ApiRoles.ReleaseAdmin, false, false);
    /// <summary>The metric label of every console route (also what asks browsers for Basic credentials).</summary>
    public const string ConsoleLabel = "rest/console";

    private static readonly RoutePolicy ConsoleRead = new(BackendService.ReleaseControl, ConsoleLabel, ApiRoles.None, false, false);
    private static readonly RoutePolicy ConsoleWrite = new(BackendService.ReleaseControl, ConsoleLabel, ApiRoles.ReleaseAdmin, false, false);

    // Listening trials and the playground synthesise on the slots: they need what synthesis needs (the console checks clone itself).
    private static readonly RoutePolicy ConsoleSynthesize = new(BackendService.ReleaseControl, ConsoleLabel, ApiRoles.Synthesize, false, false);

    /// <summary>The policy of a gRPC path <c>/package.Service/Method</c>; null when the service is not proxied.</summary>
    public static RoutePolicy? ForGrpc(string path)
    {
        if (Grpc.TryGetValue(path, out var policy))
        {
            return policy;
        }

        var service = path.AsSpan(1);
        var slash = service.IndexOf('/');
        return slash > 0 && UnknownGrpc.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(service[..slash], out var unknown) ? unknown : null;
    }

    /// <summary>The policy of a REST request; null when the path is not proxied.</summary>
    public static RoutePolicy? ForRest(string method, string path)
    {
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return path switch
        {
            "/v1/text/analyze" => TextAnalyze,
            "/v1/emotions/analyze" => EmotionsAnalyze,
            "/v1/tts" => Tts,
            "/v1/audio/speech" => Speech,
            _ when Under(path, "/v1/voices") => Voices,
            _ when Under(path, "/v1/releases") => read ? ReleasesRead : ReleasesWrite,
            _ when Under(path, "/console") => read ? ConsoleRead
                : Under(path, "/console/api/listen") || Under(path, "/console/api/playground") ? ConsoleSynthesize
                : ConsoleWrite,
            _ => null,
        };
    }

    private static bool Under(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/');

    private static ApiRoles DefaultRole(BackendService backend) => backend switch
    {
        BackendService.Encoders => ApiRoles.Synthesize,
        BackendService.ReleaseControl => ApiRoles.ReleaseAdmin,
        _ => ApiRoles.Synthesize,
    };

    private static FrozenDictionary<string, RoutePolicy> BuildGrpc()
    {
        var table = new Dictionary<string, RoutePolicy>(StringComparer.Ordinal);
        Add(table, typeof(TextFrontendContract), BackendService.Frontend);
        Add(table, typeof(EncodersContract), BackendService.Encoders);
        Add(table, typeof(SynthesisContract), BackendService.Synthesis);
        Add(table, typeof(ReleaseControlContract), BackendService.ReleaseControl);
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, RoutePolicy> table, Type contract, BackendService backend)
    {
        foreach (var field in contract.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is IMethod method)
            {
                table[method.FullName] = new RoutePolicy(backend, method.FullName[1..], RoleOf(backend, method), IsGrpc: true, InspectForClone: backend == BackendService.Synthesis && method.Name is "Synthesize" or "SynthesizeStream");
            }
        }
    }

    private static ApiRoles RoleOf(BackendService backend, IMethod method) => backend switch
    {
        BackendService.Encoders => method.Name switch
        {
            "EnrollVoice" or "GetVoice" or "ListVoices" or "DeleteVoice" => ApiRoles.Enroll,
            "EmbedSpeaker" => ApiRoles.Clone, // a speaker embedding of any clip is the raw material of cloning
            _ => ApiRoles.Synthesize,
        },

        // Reads (marked side-effect free in the proto) and watches are open to every key; the rest change releases.
        BackendService.ReleaseControl => method.IsIdempotent || method.Type == MethodType.ServerStreaming ? ApiRoles.None : ApiRoles.ReleaseAdmin,
        _ => ApiRoles.Synthesize,
    };
}

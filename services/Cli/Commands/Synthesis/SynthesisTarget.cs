using System.CommandLine;
using VoiceFleet.Rpc;
using VoiceFleet.Cli.Fleet;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Commands.Synthesis;

/// <summary>
/// Where <c>say</c> and <c>batch</c> send their requests (<c>--gateway URL</c>, <c>$VOICEFLEET_GATEWAY_URL</c>, else the
/// local fleet) and with which API key (<c>--api-key</c>, else <c>$VOICEFLEET_API_KEY</c>).
/// </summary>
internal static class SynthesisTarget
{
    /// <summary>The environment variable that overrides <see cref="LocalFleetAddress"/>.</summary>
    public const string AddressVariable = "VOICEFLEET_GATEWAY_URL";

    /// <summary>The environment variable that holds the API key when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "VOICEFLEET_API_KEY";

    /// <summary>What to check when the target cannot be reached.</summary>
    public const string UnreachableHint = "(is the fleet running? 'voicefleet up', or --gateway URL)";

    /// <summary>Synthesis requests may carry reference clips (the service accepts up to 8 MiB each).</summary>
    private const int MaxSendMessageBytes = 32 * 1024 * 1024;

    /// <summary>The longest a request may take, streaming included: the service's 300 s of audio at a slow real-time factor.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The gRPC address synthesis requests go to when neither <c>--gateway</c> nor <see cref="AddressVariable"/> is set:
    /// the gateway of <c>voicefleet up</c> (port base 7000, gateway at base+0).
    /// </summary>
    public static string LocalFleetAddress() => "http://127.0.0.1:7000";

    /// <summary>The <c>--gateway URL</c> option.</summary>
    public static Option<string?> GatewayOption() => new("--gateway")
    {
        Description = $"The gRPC (h2c) address to send requests to (default: ${AddressVariable}, else {LocalFleetAddress()}, the local fleet's gateway).",
    };

    /// <summary>The <c>--api-key KEY</c> option.</summary>
    public static Option<string?> ApiKeyOption() => new("--api-key")
    {
        Description = $"The API key, sent as 'authorization: Bearer KEY' (default: ${ApiKeyVariable}; none when unset).",
    };

    /// <summary>The address given, the environment's, or <see cref="LocalFleetAddress"/>.</summary>
    /// <exception cref="UriFormatException">The address is not an absolute URL.</exception>
    public static Uri Resolve(string? address) => new(
        !string.IsNullOrWhiteSpace(address) ? address
        : Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : LocalFleetAddress(),
        UriKind.Absolute);

    /// <summary>A channel to <paramref name="address"/> (see <see cref="Resolve"/>).</summary>
    public static GrpcChannel Connect(Uri address) => GrpcChannel.ForAddress(
        address,
        new GrpcChannelOptions { DefaultTimeout = CallTimeout, MaxSendMessageSize = MaxSendMessageBytes });

    /// <summary>
    /// The request metadata carrying the key given, else the environment's, else — for a gateway on this machine — the
    /// local fleet's admin key that <c>voicefleet up</c> created; null when there is none.
    /// </summary>
    /// <exception cref="ArgumentException">The key holds characters a header cannot carry.</exception>
    public static Metadata? Headers(string? apiKey, Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = !string.IsNullOrWhiteSpace(apiKey) ? apiKey.Trim()
            : Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim()
            : target.IsLoopback ? LocalAdminKey()
            : null;
        if (key is null)
        {
            return null;
        }

        if (key.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException("the API key holds spaces or characters other than printable ASCII.");
        }

        return new Metadata().Add("authorization", "Bearer " + key);
    }

    // The key `voicefleet up` keeps for this machine's CLI (never sent anywhere but loopback).
    private static string? LocalAdminKey()
    {
        var path = Path.Join(FleetStorage.Default().DataDirectory, "gateway", "local-admin.key");
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } key ? key : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Prints a failed call as one line (as every command does: <c>voicefleet say: InvalidArgument: text: …</c>) and
    /// returns the exit code (1). Only the hint for an unreachable target differs: it names <c>--gateway</c>.
    /// </summary>
    public static Task<int> FailAsync(TextWriter error, string command, RpcException ex) =>
        VoicesCommand.FailAsync(error, command, ex, "--gateway");
}

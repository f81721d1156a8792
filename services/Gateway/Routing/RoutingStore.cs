using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.Diagnostics;

namespace VoiceFleet.Gateway.Routing;

/// <summary>
/// Keeps the last routing snapshot in <see cref="RoutingOptions.StatePath"/> (protobuf JSON), written
/// to a temporary file and renamed over the old one, so a crash mid-write never leaves half a file.
/// </summary>
internal sealed class RoutingStore(IOptions<RoutingOptions> options, ILogger<RoutingStore> logger)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    private string Path => options.Value.StatePath;

    public RoutingSnapshot? Load()
    {
        if (string.IsNullOrEmpty(Path) || !File.Exists(Path))
        {
            return null;
        }

        try
        {
            return JsonParser.Default.Parse<RoutingSnapshot>(File.ReadAllText(Path));
        }
        catch (Exception ex) when (ex is IOException or InvalidProtocolBufferException or InvalidJsonException or UnauthorizedAccessException)
        {
            GatewayLog.RoutingStateUnreadable(logger, Path, ex);
            return null;
        }
    }

    public async Task SaveAsync(RoutingSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Path))
        {
            return;
        }

        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var temporary = Path + ".tmp";
            await File.WriteAllTextAsync(temporary, Formatter.Format(snapshot), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            GatewayLog.RoutingStateNotSaved(logger, Path, ex);
        }
    }
}

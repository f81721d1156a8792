using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceFleet.Gateway.Configuration;

namespace VoiceFleet.Gateway.Auth;

/// <summary>Polls the keys file for changes (polling works on every file system, including mounted secrets).</summary>
internal sealed class KeyFileWatcher(ApiKeyStore store, IOptionsMonitor<AuthOptions> options, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.CurrentValue.ReloadInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                store.ReloadIfFileChanged();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

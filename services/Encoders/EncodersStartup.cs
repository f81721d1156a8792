using Microsoft.Extensions.Options;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.Embeddings;
using VoiceFleet.Encoders.Storage;

namespace VoiceFleet.Encoders;

/// <summary>
/// Start-up work before the ports open: the store's tables (a database that cannot be reached stops the
/// start, with its error) and, with <c>Encoders:Preload</c>, the default encoders.
/// </summary>
internal sealed class EncodersStartup(IEncodersStore store, EncoderCatalog catalog, IOptions<EncodersOptions> options, ILogger<EncodersStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        EncodersLog.StoreReady(logger, store.Description);
        if (string.IsNullOrWhiteSpace(options.Value.ModelStoreRoot))
        {
            EncodersLog.NoModelStore(logger);
        }
        else if (options.Value.Preload)
        {
            catalog.Preload();
            EncodersLog.EncodersLoaded(logger, catalog.DefaultSpeaker, catalog.DefaultEmotion);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

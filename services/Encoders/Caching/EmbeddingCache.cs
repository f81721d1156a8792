using System.Data.Common;
using Microsoft.Extensions.Options;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.Storage;

namespace VoiceFleet.Encoders.Caching;

/// <summary>
/// The content-addressed embedding cache: a bounded LRU in memory in front of the persistent store, so a
/// restarted pod starts warm. A failing store never fails a request: the lookup counts as a miss and is
/// logged. Hits and misses per tier are metrics.
/// </summary>
internal sealed class EmbeddingCache(
    IOptions<CacheOptions> options,
    IEncodersStore store,
    EncodersMetrics metrics,
    TimeProvider time,
    ILogger<EmbeddingCache> logger)
{
    private readonly MemoryLruCache<EmbeddingKey, CachedEmbedding> _memory = new(options.Value.MemoryEntries);
    private readonly bool _persistent = options.Value.Persistent;

    /// <summary>Entries in memory.</summary>
    public int MemoryCount => _memory.Count;

    public async Task<CachedEmbedding?> GetAsync(EmbeddingKey key, CancellationToken cancellationToken)
    {
        var kind = KindLabel(key.Kind);
        if (_memory.TryGet(key, out var cached))
        {
            metrics.CacheLookup(kind, "memory", hit: true);
            return cached;
        }

        metrics.CacheLookup(kind, "memory", hit: false);
        if (!_persistent)
        {
            return null;
        }

        try
        {
            var stored = await store.GetEmbeddingAsync(key, cancellationToken).ConfigureAwait(false);
            metrics.CacheLookup(kind, "store", stored is not null);
            if (stored is not null)
            {
                _memory.Set(key, stored);
            }

            return stored;
        }
        catch (DbException ex)
        {
            EncodersLog.StoreCacheFailed(logger, "read", ex.Message);
            metrics.CacheLookup(kind, "store", hit: false);
            return null;
        }
    }

    public async Task SetAsync(EmbeddingKey key, CachedEmbedding value, CancellationToken cancellationToken)
    {
        _memory.Set(key, value);
        if (!_persistent)
        {
            return;
        }

        try
        {
            await store.PutEmbeddingAsync(key, value, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            EncodersLog.StoreCacheFailed(logger, "write", ex.Message);
        }
    }

    /// <summary>Forgets every in-memory embedding of a clip (the store deletes its own in the voice's transaction).</summary>
    public IReadOnlyList<EmbeddingKey> RemoveContent(string contentSha256) =>
        _memory.RemoveWhere(key => string.Equals(key.ContentSha256, contentSha256, StringComparison.Ordinal));

    public static string KindLabel(EmbeddingKind kind) => kind == EmbeddingKind.Speaker ? "speaker" : "emotion";
}

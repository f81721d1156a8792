using System.Diagnostics;
using VoiceFleet.Encoders.Caching;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.ReferenceAudio;

namespace VoiceFleet.Encoders.Embeddings;

/// <summary>
/// Runs the speaker and emotion encoders on reference clips through the cache and the admission gate.
/// Speaker embeddings come back L2-normalised; emotion results carry the softmax of the logits.
/// </summary>
internal sealed class ClipEmbedder(EncoderCatalog catalog, EmbeddingCache cache, EncodeGate gate, EncodersMetrics metrics)
{
    /// <summary>The speaker embedding of <paramref name="clip"/> by the encoder <paramref name="version"/> (empty: default).</summary>
    public Task<EmbeddingResult> SpeakerAsync(ReferenceClip clip, string? version, CancellationToken cancellationToken) =>
        EmbedAsync(catalog.Speaker(version), EmbeddingKind.Speaker, clip, cancellationToken);

    /// <summary>The emotion embedding and class probabilities of <paramref name="clip"/>.</summary>
    public Task<EmbeddingResult> EmotionAsync(ReferenceClip clip, string? version, CancellationToken cancellationToken) =>
        EmbedAsync(catalog.Emotion(version), EmbeddingKind.Emotion, clip, cancellationToken);

    private async Task<EmbeddingResult> EmbedAsync(LoadedEncoder encoder, EmbeddingKind kind, ReferenceClip clip, CancellationToken cancellationToken)
    {
        var key = new EmbeddingKey(clip.ContentSha256, encoder.Version, kind);
        var cached = await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return new EmbeddingResult(cached.Values, cached.Probabilities, encoder.Version, CacheHit: true);
        }

        CachedEmbedding computed;
        try
        {
            computed = await gate.RunAsync(
                token =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var (embedding, logits) = encoder.Run(clip.Trimmed, clip.SampleRate, token);
                    metrics.EncodeTime(EmbeddingCache.KindLabel(kind), Stopwatch.GetElapsedTime(started).TotalSeconds);
                    return new CachedEmbedding(kind == EmbeddingKind.Speaker ? VectorMath.Normalize(embedding) : embedding, logits is null ? null : VectorMath.Softmax(logits));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (VoiceFleet.Rpc.RpcException ex) when (ex.StatusCode == VoiceFleet.Rpc.StatusCode.ResourceExhausted)
        {
            metrics.Rejected("busy");
            throw;
        }

        await cache.SetAsync(key, computed, cancellationToken).ConfigureAwait(false);
        return new EmbeddingResult(computed.Values, computed.Probabilities, encoder.Version, CacheHit: false);
    }
}

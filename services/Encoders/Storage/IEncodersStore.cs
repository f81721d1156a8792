using VoiceFleet.Encoders.Caching;

namespace VoiceFleet.Encoders.Storage;

/// <summary>
/// The persistent side of the Encoders: cached embeddings, enrolled voices with their reference audio and
/// consent, and the audit log. SQLite by default, PostgreSQL when configured; both through
/// <see cref="SqlEncodersStore"/>.
/// </summary>
internal interface IEncodersStore : IAsyncDisposable
{
    /// <summary>Where it is, for logs (no password).</summary>
    string Description { get; }

    /// <summary>Creates the tables when missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<CachedEmbedding?> GetEmbeddingAsync(EmbeddingKey key, CancellationToken cancellationToken);

    Task PutEmbeddingAsync(EmbeddingKey key, CachedEmbedding embedding, DateTimeOffset createdAt, CancellationToken cancellationToken);

    Task InsertVoiceAsync(StoredVoice voice, CancellationToken cancellationToken);

    /// <summary>The voice, with its audio when <paramref name="includeAudio"/>; null when unknown.</summary>
    Task<StoredVoice?> GetVoiceAsync(string voiceId, bool includeAudio, CancellationToken cancellationToken);

    /// <summary>Voices newest first, after <paramref name="after"/> (exclusive) when given; without audio.</summary>
    Task<IReadOnlyList<StoredVoice>> ListVoicesAsync(int limit, VoiceCursor? after, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the voice, its audio and every embedding of its audio, in one transaction; returns the
    /// deleted voice (without audio) and the embedding keys removed, or null when it did not exist.
    /// </summary>
    Task<(StoredVoice Voice, IReadOnlyList<EmbeddingKey> Embeddings)?> DeleteVoiceAsync(string voiceId, CancellationToken cancellationToken);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The latest audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken);
}

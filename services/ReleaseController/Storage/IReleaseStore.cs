using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Storage;

/// <summary>
/// Durable state of the controller: releases (with their transitions and analyses), the routing in
/// force with its revision, gate results and evaluation runs. Writes are conditional (optimistic
/// versions), so a second writer can never apply a transition twice.
/// </summary>
internal interface IReleaseStore : IAsyncDisposable
{
    /// <summary>A human-readable description (provider and location) for logs.</summary>
    string Description { get; }

    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Tries to become (or stay) the replica that acts; always true for SQLite, a session advisory lock on PostgreSQL.</summary>
    Task<bool> TryLeadAsync(CancellationToken cancellationToken);

    Task<RoutingSnapshot?> GetRoutingAsync(CancellationToken cancellationToken);

    /// <summary>Saves a routing change with no release change; the stored revision must be <c>routing.Revision - 1</c> (0 = none yet).</summary>
    Task SaveRoutingAsync(RoutingSnapshot routing, CancellationToken cancellationToken);

    /// <summary>The release not yet in a terminal phase, if any.</summary>
    Task<StoredRelease?> GetActiveReleaseAsync(CancellationToken cancellationToken);

    Task<StoredRelease?> GetReleaseAsync(string releaseId, CancellationToken cancellationToken);

    /// <summary>The newest release, whatever its phase.</summary>
    Task<StoredRelease?> GetLatestReleaseAsync(CancellationToken cancellationToken);

    /// <summary>Releases newest first, optionally of one model version, after a cursor.</summary>
    Task<IReadOnlyList<Release>> ListReleasesAsync(string? modelVersion, int limit, PageCursor? after, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a release change in one transaction: the release (version check), its new transitions and
    /// gate results, and the routing change if any (revision check). Returns the release's new version.
    /// </summary>
    Task<long> SaveAsync(ReleaseWrite write, CancellationToken cancellationToken);

    Task SaveEvaluationRunAsync(EvaluationRun run, CancellationToken cancellationToken);

    Task<IReadOnlyList<EvaluationRun>> ListEvaluationRunsAsync(string? releaseId, string? modelVersion, bool omitItems, int limit, PageCursor? after, CancellationToken cancellationToken);

    /// <summary>Stores the ratings of one listening trial in one transaction (a trial id rated twice is refused: <see cref="StoreConflictException"/>).</summary>
    Task SaveListeningRatingsAsync(IReadOnlyList<ListeningRating> ratings, CancellationToken cancellationToken);

    /// <summary>Every listening rating of a release, oldest first.</summary>
    Task<IReadOnlyList<ListeningRating>> ListListeningRatingsAsync(string releaseId, CancellationToken cancellationToken);
}

/// <summary>A release as stored, with the version its next write must name.</summary>
internal sealed record StoredRelease(Release Release, long Version);

/// <summary>One atomic change of a release.</summary>
/// <param name="Release">The whole release after the change.</param>
/// <param name="ExpectedVersion">The stored version it replaces; 0 for a new release.</param>
/// <param name="Routing">The routing after the change, when it changed.</param>
internal sealed record ReleaseWrite(Release Release, long ExpectedVersion, RoutingSnapshot? Routing);

/// <summary>Thrown when a conditional write finds the row changed by someone else.</summary>
internal sealed class StoreConflictException(string message) : Exception(message);

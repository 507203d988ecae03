using ClusterSync.Core.Matching;
using ClusterSync.Core.Sync;

namespace ClusterSync.Core.Publication;

/// <summary>The published directory: what the warm index is built from, and where a run is published.</summary>
public interface IDirectoryStore
{
    /// <summary>Active organisations and the source records linked to each.</summary>
    Task<DirectoryMembership> LoadMembershipAsync(CancellationToken cancellationToken);

    /// <summary>Operators' decisions that are not revoked, oldest first.</summary>
    Task<List<MatchDecision>> LoadActiveDecisionsAsync(CancellationToken cancellationToken);

    /// <summary>The sequence of the newest change event (0 when there is none).</summary>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the publication lock (one publisher at a time across every instance) and returns the publication that
    /// holds it. Reconcile while holding it, against a view no older than <see cref="IDirectoryPublication.LastSequence"/>;
    /// disposing it without committing publishes nothing.
    /// </summary>
    Task<IDirectoryPublication> BeginPublicationAsync(CancellationToken cancellationToken);
}

/// <summary>The publication lock, held: commit publishes one run atomically.</summary>
public interface IDirectoryPublication : IAsyncDisposable
{
    /// <summary>The newest change event's sequence when the lock was taken: no publication can commit another meanwhile.</summary>
    long LastSequence { get; }

    /// <summary>Writes the run (records, quarantine, organisations, links, change events, run summary) in one transaction; returns the new last sequence.</summary>
    Task<long> CommitAsync(RunPublication publication, CancellationToken cancellationToken);
}

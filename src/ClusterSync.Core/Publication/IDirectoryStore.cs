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

    /// <summary>Publishes one run atomically: nothing of it is visible until the commit, and publications are serialised.</summary>
    Task PublishAsync(RunPublication publication, CancellationToken cancellationToken);
}

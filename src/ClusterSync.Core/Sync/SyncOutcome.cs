namespace ClusterSync.Core.Sync;

/// <summary>How a sync ended.</summary>
public sealed record SyncOutcome(
    long RunId,
    string Source,
    string Status,
    int ItemsRead,
    int New,
    int Changed,
    int Unchanged,
    int Gone,
    int Quarantined,
    int OrganisationsChanged,
    string? Error)
{
    public bool Succeeded => Status == SyncRunStatus.Succeeded;

    /// <summary>Deletions held for an operator (a held run), else 0.</summary>
    public int HeldDeletions { get; init; }

    public static SyncOutcome Unpublished(long runId, string source, string status, int itemsRead, string error) =>
        new(runId, source, status, itemsRead, 0, 0, 0, 0, 0, 0, error);

    public static SyncOutcome Failed(long runId, string source, int itemsRead, string error) =>
        Unpublished(runId, source, SyncRunStatus.Failed, itemsRead, error);
}

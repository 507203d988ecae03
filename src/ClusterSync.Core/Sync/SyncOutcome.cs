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

    public static SyncOutcome Failed(long runId, string source, int itemsRead, string error) =>
        new(runId, source, SyncRunStatus.Failed, itemsRead, 0, 0, 0, 0, 0, 0, error);
}

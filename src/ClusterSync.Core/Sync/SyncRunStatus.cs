namespace ClusterSync.Core.Sync;

/// <summary>Outcome of a sync run.</summary>
public static class SyncRunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>
    /// The listing was incomplete (a page failed, or an anomalous page did not clear): every record read was
    /// published, no deletion was decided and the high-water mark was kept.
    /// </summary>
    public const string Partial = "partial";

    /// <summary>The process ended while the run was in progress; nothing of it was published.</summary>
    public const string Abandoned = "abandoned";
}

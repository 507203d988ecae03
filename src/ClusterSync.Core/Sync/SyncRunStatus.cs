namespace ClusterSync.Core.Sync;

/// <summary>Outcome of a sync run.</summary>
public static class SyncRunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>The process ended while the run was in progress; nothing of it was published.</summary>
    public const string Abandoned = "abandoned";
}

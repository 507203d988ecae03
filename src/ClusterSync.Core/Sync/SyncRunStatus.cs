namespace ClusterSync.Core.Sync;

/// <summary>The lifecycle of a sync run.</summary>
public static class SyncRunStatus
{
    /// <summary>Asked for (by an operator or the command line); waits for the scheduler to start it.</summary>
    public const string Queued = "queued";

    public const string Running = "running";
    public const string Succeeded = "succeeded";

    /// <summary>The listing was incomplete: what was read is published, no deletion is decided, the high-water mark stays.</summary>
    public const string Partial = "partial";

    /// <summary>Published its upserts; its deletions (more than the deletion guard allows) wait for an operator.</summary>
    public const string Held = "held";

    /// <summary>Stopped on request (an operator, or the service shutting down); nothing of it was published.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Could not be read or published; nothing of it was published.</summary>
    public const string Failed = "failed";

    /// <summary>The instance running it died (its heartbeat lapsed); nothing of it was published.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Statuses of a run that has not ended.</summary>
    public static IReadOnlyList<string> Unfinished { get; } = [Queued, Running];

    /// <summary>Every status, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, Partial, Held, Cancelled, Failed, Abandoned];
}

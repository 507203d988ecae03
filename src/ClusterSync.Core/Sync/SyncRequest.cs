namespace ClusterSync.Core.Sync;

/// <summary>A request to sync one source.</summary>
/// <param name="Mode">Null: the configured default (full listing on the first run).</param>
/// <param name="Trigger">What started it: <c>schedule</c>, <c>api</c>, <c>cli</c>, <c>startup</c>, <c>recovery</c>.</param>
/// <param name="ConfirmDeletions">Lets a full listing delete more than the deletion guard allows.</param>
/// <param name="QueuedRunId">The queued run this request starts (an operator's trigger), or null for a new run.</param>
/// <param name="RequestedBy">Who asked: an API key's name, the scheduler, the command line.</param>
public sealed record SyncRequest(
    string Source,
    ReadMode? Mode = null,
    string Trigger = "manual",
    bool ConfirmDeletions = false,
    long? QueuedRunId = null,
    string? RequestedBy = null);

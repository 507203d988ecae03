namespace ClusterSync.Storage.Entities;

/// <summary>One run of a sync, with its outcome and counts.</summary>
public sealed class SyncRunRow
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string Mode { get; set; }
    public required string Status { get; set; }
    public string? Trigger { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int ItemsRead { get; set; }
    public int NewCount { get; set; }
    public int ChangedCount { get; set; }
    public int UnchangedCount { get; set; }
    public int GoneCount { get; set; }
    public int QuarantinedCount { get; set; }
    public int OrganisationsChanged { get; set; }

    /// <summary>Newest source <c>updatedAt</c> seen: the next incremental read starts there (minus an overlap).</summary>
    public DateTimeOffset? HighWaterMark { get; set; }

    public string? Error { get; set; }

    /// <summary>The instance (see <see cref="InstanceRow"/>) that ran or runs it.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Who asked for the run: an API key's name, <c>schedule</c>, <c>startup</c> or the command line.</summary>
    public string? RequestedBy { get; set; }

    /// <summary>Whether the request lets the run delete more than the deletion guard allows.</summary>
    public bool ConfirmDeletions { get; set; }

    /// <summary>Set when an operator asks to cancel; the instance running it stops at its next check.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>Per-phase timings in milliseconds (JSON object: phase → ms).</summary>
    public string? PhasesJson { get; set; }

    /// <summary>For a held run: the source ids whose deletion waits for an operator (JSON array).</summary>
    public string? HeldDeletionsJson { get; set; }

    /// <summary>For a held run: <c>confirmed</c>, <c>rejected</c> or <c>superseded</c>; null while pending.</summary>
    public string? HoldResolution { get; set; }

    public string? HoldResolvedBy { get; set; }
    public DateTimeOffset? HoldResolvedAt { get; set; }
}
